import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterRender
import CustomerCenterSigning
import CustomerCenterTestSupport
import Foundation
import Testing

@Suite struct SiteBuildTests {
    func modificationDates(_ demo: DemoBuild) -> [String: Date] {
        var dates: [String: Date] = [:]
        for file in demo.folder.files(under: "site") {
            dates[file] = (try? FileManager.default.attributesOfItem(atPath: demo.folder.file("site/" + file))[.modificationDate]) as? Date
        }
        return dates
    }

    @Test func aRebuildWithNothingChangedWritesNothing() throws {
        let demo = DemoBuild("rebuild")
        let first = try demo.build()
        #expect(first.customers == 8)
        #expect(first.unchanged == 0)
        let before = modificationDates(demo)
        let second = try demo.build()
        #expect(second.written == 0)
        #expect(second.unchanged == first.written)
        #expect(second.removed.isEmpty)
        #expect(modificationDates(demo) == before)
    }

    @Test func changingOneCustomerRewritesOnlyTheirPage() throws {
        let demo = DemoBuild("one-change")
        try demo.build()
        demo.edit("content/customers/1004.json") { $0.replacingOccurrences(of: "\"-19.80\"", with: "\"-29.80\"") }
        let report = try demo.build()
        // The page, the statement and its CSV: each shows the charge.
        #expect(report.written == 3)
        #expect(try demo.page(of: "1004").contains("\u{2212}29,80"))
        let folder = (try demo.pagePath(of: "1004") as NSString).deletingLastPathComponent
        #expect(demo.folder.read("site/\(folder)/statement.csv").contains(",2026-10-11,,Laden Ladepark Nord,29.80,,15.65,EUR\r\n"))
    }

    @Test func pagesOfCustomersWhoLeftAreRemoved() throws {
        let demo = DemoBuild("left")
        try demo.build()
        let path = try demo.pagePath(of: "1007")
        try FileManager.default.removeItem(atPath: demo.folder.file("content/customers/1007.json"))
        let report = try demo.build()
        let folder = (path as NSString).deletingLastPathComponent
        #expect(report.removed == [path, folder + "/statement.csv", folder + "/statement.html"])
        #expect(!FileManager.default.fileExists(atPath: demo.folder.file("site/" + path)))
        #expect(!FileManager.default.fileExists(atPath: demo.folder.file("site/" + folder)))
        #expect(demo.folder.files(under: "site/c").filter { $0.hasSuffix("/index.html") }.count == 7)
    }

    @Test func rotatingALinkKillsTheOldURL() throws {
        let demo = DemoBuild("rotate")
        try demo.build()
        let oldPath = try demo.pagePath(of: "1003")
        let defaults = ContentDefaults(try ContentFolder(path: demo.options.contentPath).loadConfig())
        #expect(try LinkVersion.bump(fileAt: demo.folder.file("content/customers/1003.json"), defaults: defaults) == 2)
        let report = try demo.build()
        let newPath = try demo.pagePath(of: "1003")
        #expect(newPath != oldPath)
        #expect(report.written == 3)
        let oldFolder = (oldPath as NSString).deletingLastPathComponent
        #expect(report.removed == [oldPath, oldFolder + "/statement.csv", oldFolder + "/statement.html"])
        #expect(try demo.page(of: "1003").contains("Emily Clarke"))
    }

    @Test func writesAreAtomicAndLeaveNoTemporaryFiles() throws {
        let demo = DemoBuild("atomic")
        try demo.build()
        let path = demo.folder.file("site/robots.txt")
        let inodeBefore = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        let writer = try PageWriter(root: demo.folder.file("site"))
        #expect(try writer.write("User-agent: *\nDisallow: /c/\nDisallow: /x/\n", to: "robots.txt") == .written)
        let inodeAfter = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        // A new file was renamed over the old one: readers holding the old file see it whole.
        #expect(inodeBefore != inodeAfter)
        #expect(try writer.write("User-agent: *\nDisallow: /c/\nDisallow: /x/\n", to: "robots.txt") == .unchanged)
        #expect(!demo.folder.files(under: "site").contains { $0.contains(".tmp-") })
    }

    @Test func refusesToSweepAFolderItDidNotCreate() {
        let folder = TemporaryFolder("foreign")
        folder.write("precious", to: "out/notes.txt")
        let error = #expect(throws: RenderError.self) { try PageWriter(root: folder.file("out")) }
        #expect(error?.reason.hasPrefix("the output folder holds files that customer-center did not write") == true)
        #expect(folder.read("out/notes.txt") == "precious")
    }

    @Test func noSecretAppearsAnywhereInTheSite() throws {
        let secret = "env-secret-that-must-never-leak-0123456789"
        let demo = DemoBuild("secret", environment: ["CUSTOMER_CENTER_LINK_SECRET": secret])
        try demo.build()
        let demoSecret = "DEMO-ONLY-link-secret-public-do-not-use-0123456789"
        let files = demo.folder.files(under: "site")
        #expect(files.count > 10)
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: demo.folder.file("site/" + file)))
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains(secret), "\(file) contains the link secret")
            #expect(!text.contains(demoSecret), "\(file) contains the demo secret")
            #expect(!text.contains("link_secret"), "\(file) names the secret")
        }
    }

    @Test func noPublicFileListsATokenAndCrawlersAreKeptOut() throws {
        let demo = DemoBuild("tokens")
        try demo.build()
        let tokens = demo.folder.files(under: "site/c").map { String($0.prefix(24)) }
        for file in demo.folder.files(under: "site") where !file.hasPrefix("c/") {
            let text = demo.folder.read("site/" + file)
            for token in tokens { #expect(!text.contains(token), "\(file) lists a personal page") }
        }
        #expect(demo.folder.read("site/robots.txt") == "User-agent: *\nDisallow: /c/\n")
        let headers = demo.folder.read("site/_headers")
        #expect(headers.contains("/c/*\n  X-Robots-Tag: noindex, nofollow\n  Cache-Control: private, no-store, max-age=0"))
        #expect(headers.contains("Referrer-Policy: no-referrer"))
        #expect(headers.contains("Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self' data:; form-action https://zahlung.stadtwerke-sonnenfeld.example;"))
        #expect(!FileManager.default.fileExists(atPath: demo.folder.file("site/sitemap.xml")))
    }

    @Test func assetsAreFingerprinted() throws {
        let demo = DemoBuild("assets")
        try demo.build()
        let assets = demo.folder.files(under: "site/assets")
        #expect(assets.count == 3)
        let css = assets.filter { $0.hasPrefix("style.") }
        #expect(css.count == 1)
        #expect(css[0].range(of: #"^style\.[0-9a-f]{8}\.css$"#, options: .regularExpression) != nil)
        #expect(assets.contains { $0.range(of: #"^favicon\.[0-9a-f]{8}\.svg$"#, options: .regularExpression) != nil })
        #expect(assets.contains { $0.range(of: #"^statement\.[0-9a-f]{8}\.css$"#, options: .regularExpression) != nil })
        demo.edit("Templates/assets/style.css") { $0 + "\n.extra { color: red; }\n" }
        let report = try demo.build()
        #expect(report.removed == ["assets/" + css[0]])
        #expect(demo.folder.files(under: "site/assets").filter { $0.hasPrefix("style.") } != css)
    }
}

@Suite struct BadInputStopsTheBuildTests {
    func failure(_ demo: DemoBuild) -> BuildError? {
        #expect(throws: BuildError.self) { try demo.build() }
    }

    @Test func aBrokenCustomerFileStopsTheBuildAndWritesNothing() throws {
        let demo = DemoBuild("broken")
        demo.edit("content/customers/1005.json") { $0.replacingOccurrences(of: "\"147.30\"", with: "\"-147.30\"") }
        let error = failure(demo)
        #expect(error?.step == .checkCustomers)
        #expect(error?.problems == ["\(demo.folder.file("content/customers/1005.json")): accounts[0].invoices[0].amount: an invoice amount must be more than zero, got -147.30"])
        #expect(!FileManager.default.fileExists(atPath: demo.folder.file("site")))
    }

    @Test func aBrokenFileLeavesAnEarlierSiteUntouched() throws {
        let demo = DemoBuild("broken-later")
        try demo.build()
        let before = demo.folder.files(under: "site")
        demo.edit("content/customers/1001.json") { $0.replacingOccurrences(of: "\"kind\": \"invoice\"", with: "\"kind\": \"loan\"") }
        demo.edit("content/customers/1002.json") { $0.replacingOccurrences(of: "\"due\": \"2026-10-10\"", with: "\"due\": \"2026-09-01\"") }
        let error = failure(demo)
        #expect(error?.problems.count == 2)
        #expect(demo.folder.files(under: "site") == before)
    }

    @Test func aMissingSecretNamesTheVariable() throws {
        let demo = DemoBuild("no-secret")
        try FileManager.default.removeItem(atPath: demo.folder.file("demo-secrets.toml"))
        let error = failure(demo)
        #expect(error?.problems == ["missing secret link_secret: set the environment variable CUSTOMER_CENTER_LINK_SECRET or add link_secret to \(demo.folder.file("content"))/../demo-secrets.toml"])
    }

    @Test func aMissingTemplateIsNamed() throws {
        let demo = DemoBuild("no-template")
        try FileManager.default.removeItem(atPath: demo.folder.file("Templates/customer.mustache"))
        #expect(failure(demo)?.problems == ["\(demo.folder.file("Templates"))/customer.mustache: missing template \"customer\""])
    }

    @Test func anUnknownPartialIsNamedWithItsLine() throws {
        let demo = DemoBuild("bad-partial")
        demo.edit("Templates/partials/account.mustache") { $0.replacingOccurrences(of: "{{>partials/payments}}", with: "{{>partials/paymnets}}") }
        let lines = demo.folder.read("Templates/partials/account.mustache").split(separator: "\n", omittingEmptySubsequences: false)
        let line = lines.firstIndex { $0.contains("paymnets") }! + 1
        #expect(failure(demo)?.problems == ["\(demo.folder.file("Templates"))/partials/account.mustache:\(line): unknown partial \"partials/paymnets\" (no file partials/paymnets.mustache in \(demo.folder.file("Templates")))"])
    }

    @Test func aTemplateSyntaxErrorIsNamedWithItsLine() throws {
        let demo = DemoBuild("bad-syntax")
        demo.edit("Templates/customer.mustache") { $0.replacingOccurrences(of: "{{/accounts}}", with: "{{/acounts}}") }
        let lines = demo.folder.read("Templates/customer.mustache").split(separator: "\n", omittingEmptySubsequences: false)
        let line = lines.firstIndex { $0.contains("{{/acounts}}") }! + 1
        let problem = failure(demo)?.problems.first ?? ""
        #expect(problem == "\(demo.folder.file("Templates"))/customer.mustache:\(line): template syntax error: a section is closed with a different name than it was opened with in `{{/acounts}}`")
    }

    @Test func aMissingPageTextIsNamed() throws {
        let demo = DemoBuild("bad-strings")
        demo.edit("Templates/strings/en.toml") { $0.replacingOccurrences(of: "payments = \"Payments received\"\n", with: "") }
        #expect(failure(demo)?.problems == ["\(demo.folder.file("Templates"))/strings/en.toml: missing text \"payments\""])
    }
}

@Suite struct MarkdownAndFormatTests {
    @Test func markdownIsCommonMarkWithUnsafeHTMLDropped() {
        #expect(Markdown.html("# Title\n\nSome *text*.") == "<h1>Title</h1>\n<p>Some <em>text</em>.</p>\n")
        let hostile = Markdown.html("<script>alert(1)</script>\n\n[x](javascript:alert(1))")
        #expect(!hostile.contains("<script>"))
        #expect(!hostile.contains("javascript:"))
    }

    @Test func moneyFollowsTheCustomersLocale() {
        let amount = Money(minorUnits: 123_456, currency: .eur)
        #expect(LocaleFormat(CustomerLocale("de-DE")!).money(amount) == "1.234,56\u{00A0}€")
        #expect(LocaleFormat(CustomerLocale("en-GB")!).money(amount) == "€1,234.56")
        #expect(LocaleFormat(CustomerLocale("de-AT")!).money(amount) == "€\u{00A0}1\u{00A0}234,56")
        #expect(LocaleFormat(CustomerLocale("en-GB")!).money(Money(minorUnits: -500, currency: .eur)) == "\u{2212}€5.00")
        #expect(LocaleFormat(CustomerLocale("de-DE")!).money(Money(minorUnits: 1_000_000_00, currency: Currency(code: "CHF")!)) == "1.000.000,00\u{00A0}CHF")
        #expect(LocaleFormat(CustomerLocale("en-GB")!).money(Money(minorUnits: 1500, currency: Currency(code: "JPY")!)) == "¥1,500")
        #expect(LocaleFormat(CustomerLocale("en-US")!).money(Money(minorUnits: 1250, currency: Currency(code: "CHF")!)) == "CHF\u{00A0}12.50")
        #expect(LocaleFormat(CustomerLocale("de-CH")!).money(Money(minorUnits: 123_456_78, currency: Currency(code: "CHF")!)) == "CHF\u{00A0}123’456.78")
        #expect(LocaleFormat(CustomerLocale("de-DE")!).money(Money(minorUnits: 5, currency: .eur)) == "0,05\u{00A0}€")
        #expect(LocaleFormat(CustomerLocale("en-GB")!).money(Money(minorUnits: 1_234_567, currency: Currency(code: "KWD")!)) == "KWD\u{00A0}1,234.567")
        #expect(LocaleFormat(CustomerLocale("en-GB")!).money(Money(minorUnits: 0, currency: .eur)) == "€0.00")
    }

    @Test func datesFollowTheCustomersLocale() {
        let date = CalendarDate(year: 2026, month: 3, day: 5)!
        #expect(LocaleFormat(CustomerLocale("de-DE")!).date(date) == "05.03.2026")
        #expect(LocaleFormat(CustomerLocale("en-GB")!).date(date) == "5\u{00A0}Mar\u{00A0}2026")
        #expect(LocaleFormat(CustomerLocale("en-US")!).date(date) == "Mar\u{00A0}5, 2026")
        #expect(LocaleFormat(CustomerLocale("de-DE")!).date(CalendarDate(year: 2026, month: 12, day: 31)!) == "31.12.2026")
        #expect(LocaleFormat(CustomerLocale("en-GB")!).date(CalendarDate(year: 2026, month: 12, day: 31)!) == "31\u{00A0}Dec\u{00A0}2026")
    }
}

@Suite struct EscapingTests {
    @Test func hostileCustomerDataIsEscapedEverywhere() throws {
        let demo = DemoBuild("hostile")
        let hostile = "<script>alert('x')</script> \\\"quoted\\\" & <b>bold</b>"
        demo.edit("content/customers/1004.json") {
            $0.replacingOccurrences(of: "\"Anna Schmidt\"", with: "\"\(hostile)\"")
                .replacingOccurrences(of: "\"Ladekarte E-Auto\"", with: "\"<img src=x onerror=alert(1)>\"")
                .replacingOccurrences(of: "\"Laden Marktplatz\"", with: "\"</td><script>evil()</script>\"")
        }
        try demo.build()
        let html = try demo.page(of: "1004")
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;</h1>"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&lt;/td&gt;&lt;script&gt;evil()&lt;/script&gt;"))
    }
}

@Suite struct SubPathSiteTests {
    @Test func aSiteUnderAPathNamesThatPathInRobotsHeadersAndTheNotFoundPage() throws {
        let demo = DemoBuild("subpath")
        demo.edit("content/config.toml") {
            $0.replacingOccurrences(of: "base_url = \"https://kunden.stadtwerke-sonnenfeld.example\"",
                                    with: "base_url = \"https://stadtwerke-sonnenfeld.example/kunden/\"")
        }
        try demo.build()
        #expect(demo.folder.read("site/robots.txt") == "User-agent: *\nDisallow: /kunden/c/\n")
        #expect(demo.folder.read("site/_headers").contains("\n/kunden/c/*\n  X-Robots-Tag: noindex, nofollow\n"))
        #expect(demo.folder.read("site/404.html").contains("href=\"/kunden/assets/style."))
        let links = try SiteBuilder(options: demo.options).links()
        #expect(links[0].url.hasPrefix("https://stadtwerke-sonnenfeld.example/kunden/c/"))
    }
}

@Suite struct NetlifyConfigurationTests {
    /// netlify.toml overrides `_headers` on Netlify, so its policy must be the one the build writes.
    @Test func netlifyTomlCarriesTheSameStrictHeadersAsTheBuild() throws {
        let demo = DemoBuild("netlify")
        try demo.build()
        let netlify = try String(contentsOfFile: TestPaths.repository + "/netlify.toml", encoding: .utf8)
        let headers = demo.folder.read("site/_headers")
        let csp = try #require(headers.split(separator: "\n").first { $0.contains("Content-Security-Policy: ") })
            .replacingOccurrences(of: "  Content-Security-Policy: ", with: "")
        #expect(netlify.contains("Content-Security-Policy = \"\(csp)\""))
        #expect(netlify.contains("publish = \"site\""))
        #expect(netlify.contains("X-Robots-Tag = \"noindex, nofollow\""))
        #expect(netlify.contains("Referrer-Policy = \"no-referrer\""))
        #expect(netlify.contains("Cache-Control = \"private, no-store, max-age=0\""))
    }
}

@Suite struct PayLinkSiteTests {
    @Test func withStripePagesMayLeadToStripesCheckout() throws {
        let demo = DemoBuild("stripe-csp", environment: ["CUSTOMER_CENTER_PROVIDER_STRIPE_API_KEY": "sk_test_1"])
        demo.edit("content/config.toml") { $0.replacingOccurrences(of: "provider = \"sandbox\"", with: "provider = \"stripe\"") }
        try demo.build()
        #expect(demo.folder.read("site/_headers").contains("form-action https://zahlung.stadtwerke-sonnenfeld.example https://checkout.stripe.com;"))
    }

    @Test func aProviderThatCannotStartCheckoutsIsRefused() throws {
        let demo = DemoBuild("plain-provider")
        demo.edit("content/config.toml") {
            $0.replacingOccurrences(of: "provider = \"sandbox\"", with: "provider = \"plain\"")
                .replacingOccurrences(of: "\n[secrets]\n", with: "\n[providers.plain]\nscheme = \"hmac-sha256\"\n\n[secrets]\n")
        }
        let error = #expect(throws: BuildError.self) { try demo.build() }
        #expect(error?.problems.first?.hasSuffix("[payments].provider: [providers.plain] cannot start checkouts; use a stripe provider, or a sandbox one (format sandbox, scheme standard-webhooks) for demos") == true)
    }

    @Test func payLinksOnThePageAreSignedAndExpireWithTheConfiguredValidity() throws {
        let demo = DemoBuild("pay-links")
        try demo.build()
        let page = try demo.page(of: "1001")
        let token = try #require(PageForm.firstToken(in: page))
        let key = try PayLinkKey("DEMO-ONLY-pay-link-secret-public-do-not-use-012345")
        let parsed = try PayToken.verifySignature(String(token), key: key)
        #expect(parsed.customerID == "1001")
        #expect(parsed.accountID == "1001-STROM")
        #expect(parsed.invoiceNumber == nil)
        // 30 days after the build's day (2026-11-29), to the end of that day.
        #expect(parsed.expiresAt == (DemoBuild.asOf.daysSinceEpoch + 31) * 86_400 - 1)
        #expect(page.contains("value=\"1362,96\""))
    }
}
