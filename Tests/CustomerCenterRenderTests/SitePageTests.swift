import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterRender
import CustomerCenterTestSupport
import Foundation
import Testing

/// Issue 13: the shared pages of the demo site: start page, 404, Markdown pages.
@Suite struct SitePageTests {
    let demo = DemoBuild("site-pages")
    init() throws { try demo.build() }

    /// One start page and one 404 page serve every visitor: both languages on each.
    @Test func theStartAndNotFoundPagesSpeakBothLanguages() {
        let index = demo.folder.read("site/index.html")
        #expect(index.contains("<h1>Kundenportal</h1>"))
        #expect(index.contains("<section class=\"card other-language\" lang=\"en\">\n  <h2>Customer portal</h2>"))
        #expect(index.contains("<h3>Where is my page?</h3>"))
        #expect(index.contains("<a href=\"en/help/\">Help</a>"))
        let notFound = demo.folder.read("site/404.html")
        #expect(notFound.contains("<h1>Diese Seite gibt es nicht (mehr)</h1>"))
        #expect(notFound.contains("<h2>This page does not exist (any more)</h2>"))
        #expect(notFound.contains("Your link may have been renewed."))
        #expect(notFound.contains("<a href=\"/en/imprint/\">Imprint</a>"))
    }

    /// An imprint's address lines stay lines (`keep_line_breaks = true`); other pages' paragraphs,
    /// wrapped in the file, are joined as Markdown does.
    @Test func theImprintKeepsItsAddressLines() {
        let imprint = demo.folder.read("site/de/impressum/index.html")
        #expect(imprint.contains("<p>Stadtwerke Sonnenfeld GmbH<br />\nLindenallee 12<br />\n79098 Sonnenfeld</p>"))
        #expect(imprint.contains("Geschäftsführung: Dr. Erika Beispiel<br />\nRegistergericht:"))
        #expect(demo.folder.read("site/en/imprint/index.html").contains("<p>Stadtwerke Sonnenfeld GmbH<br />\nLindenallee 12<br />\n79098 Sonnenfeld, Germany</p>"))
        let help = demo.folder.read("site/de/hilfe/index.html")
        #expect(help.contains("eingegangene\nZahlungen"))
        #expect(!help.contains("<br />"))
    }

    /// A Markdown page is shared by every customer, so it cannot link to one personal page: it says how
    /// to get back there.
    @Test func contentPagesSayHowToGetBack() {
        #expect(demo.folder.read("site/de/hilfe/index.html").contains(
            "<p class=\"back-note\">Zurück zu Ihrer persönlichen Seite kommen Sie mit der Zurück-Taste Ihres Browsers oder über den Link in unserer E-Mail.</p>"))
        #expect(demo.folder.read("site/en/help/index.html").contains("use your browser’s back button or the link in our email"))
    }

    @Test func markdownKeepsLineBreaksOnlyWhenAsked() {
        #expect(Markdown.html("a\nb") == "<p>a\nb</p>\n")
        #expect(Markdown.html("a\nb", keepingLineBreaks: true) == "<p>a<br />\nb</p>\n")
        #expect(Markdown.html("<script>x</script>\nb", keepingLineBreaks: true).contains("raw HTML omitted"))
    }

    /// `serve --preview` reads back the `_headers` the build writes.
    @Test func theHeadersFileReadsBack() throws {
        let rules = HeaderRules(parsing: demo.folder.read("site/_headers"))
        let page = Dictionary(rules.headers(for: "/c/abc/").map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        #expect(page["X-Robots-Tag"] == "noindex, nofollow")
        #expect(page["Cache-Control"] == "private, no-store, max-age=0")
        #expect(page["Referrer-Policy"] == "no-referrer")
        #expect(page["Content-Security-Policy"]?.hasPrefix("default-src 'none'; style-src 'self';") == true)
        let asset = Dictionary(rules.headers(for: "/assets/style.0123abcd.css").map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        #expect(asset["Cache-Control"] == "public, max-age=31536000, immutable")
        #expect(asset["X-Robots-Tag"] == nil)
        #expect(HeaderRules(parsing: "# only a comment\n  Orphan: header\n/x\n  A: 1\n/*\n  A: 2\n").headers(for: "/x").map(\.value) == ["2"])
    }

    /// Every amount a page prints reads back as that amount when typed into a pay form.
    @Test func everyPrintedAmountReadsBack() throws {
        let amounts = [1, 99, 100, 2_000, 123_456, 100_000_000, 999_999_999_99]
        for tag in ["de-DE", "de-AT", "de-CH", "de-LI", "en-GB", "en-US", "en"] {
            let locale = try #require(CustomerLocale(tag))
            let format = LocaleFormat(locale)
            for code in ["EUR", "GBP", "USD", "JPY", "CHF", "KWD"] {
                let currency = try #require(Currency(code: code))
                for minor in amounts {
                    let amount = Money(minorUnits: minor, currency: currency)
                    for written in [format.money(amount), format.inputAmount(amount)] {
                        #expect(try AmountInput.parse(written, locale: locale, currency: currency) == amount, "\(written.debugDescription) in \(tag)")
                    }
                }
            }
        }
    }
}
