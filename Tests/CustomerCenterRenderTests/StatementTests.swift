import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterRender
import CustomerCenterTestSupport
import Foundation
import Testing

/// The statement of account of every demo customer, as written: the page's figures to the cent, the
/// CSV as Python's csv module reads it, the open amounts by age, and the printed document's rules.
@Suite struct StatementTests {
    let demo = DemoBuild("statement")
    init() throws { try demo.build() }

    /// `c/<token>/` of `customerID`.
    func folder(of customerID: String) throws -> String {
        "site/" + (try demo.pagePath(of: customerID) as NSString).deletingLastPathComponent + "/"
    }

    /// Minor units of an amount as a page prints it (`1.362,96 €`, `−€18.75`, `€ 0,00`): every demo
    /// account is in euro with two decimals, so the digits are the cents.
    static func cents(_ printed: String) -> Int {
        let digits = printed.filter(\.isNumber)
        let negative = printed.contains("\u{2212}") || printed.contains("-")
        return (Int(digits) ?? 0) * (negative ? -1 : 1)
    }

    /// Per account of the personal page: what it shows as owed (invoice accounts: open less credit) or
    /// as the balance (prepaid).
    static func pageFigures(_ html: String) -> [Int] {
        html.components(separatedBy: "<section class=\"account account--").dropFirst().map { section in
            let value = section.firstMatch(of: /class="figure__value[^"]*">([^<]+)</).map { cents(String($0.1)) } ?? 0
            let credit = section.firstMatch(of: /class="figure__credit">[^<]*<strong>([^<]+)</).map { cents(String($0.1)) } ?? 0
            return section.hasPrefix("invoice") ? value - credit : value
        }
    }

    /// Per account of the statement page: the closing balance.
    static func closingBalances(_ html: String) -> [Int] {
        html.matches(of: /class="statement__closing">[^<]*<strong>([^<]+)</).map { cents(String($0.1)) }
    }

    @Test(arguments: ["1001", "1002", "1003", "1004", "1005", "1006", "1007", "1008"])
    func theStatementEndsOnThePagesFiguresAndTheCSVAgrees(_ customerID: String) throws {
        let folder = try folder(of: customerID)
        let page = demo.folder.read(folder + "index.html")
        let statement = demo.folder.read(folder + "statement.html")
        let figures = Self.pageFigures(page)
        #expect(!figures.isEmpty)
        #expect(Self.closingBalances(statement) == figures, "the statement's closing balance is the page's figure, per account")

        let csv = try PythonCSV(path: demo.folder.file(folder + "statement.csv"))
        #expect(csv.hasByteOrderMark)
        #expect(csv.crlfOnly)
        #expect(csv.rows.allSatisfy { $0.count == 8 })
        let rows = csv.rows.dropFirst()
        let accounts = try CustomerFile.load(path: demo.folder.file("content/customers/\(customerID).json"),
                                             defaults: ContentDefaults(try ContentFolder(path: demo.folder.file("content")).loadConfig())).accounts
        for (index, account) in accounts.enumerated() {
            let own = rows.filter { $0[0] == account.id }
            // The last running balance is the closing balance; debits less credits add up to it.
            let last = own.last.map { Self.cents($0[6]) } ?? 0
            #expect(last == figures[index], "\(account.id): the CSV ends on the page's figure")
            let debits = own.map { Self.cents($0[4]) }.reduce(0, +)
            let credits = own.map { Self.cents($0[5]) }.reduce(0, +)
            #expect((account.kind == .invoice ? debits - credits : credits - debits) == last, "\(account.id): the rows add up")
            #expect(own.allSatisfy { $0[7] == account.currency.code && CalendarDate(iso: $0[1]) != nil })
            // As many rows as the page's statement shows for the account.
            let section = statement.components(separatedBy: "aria-labelledby=\"statement-\(account.id)\"").dropFirst().first ?? ""
            let shown = section.components(separatedBy: "</section>").first?.components(separatedBy: "<tr class=\"movement").count ?? 1
            #expect(own.count == shown - 1, "\(account.id)")
        }
    }

    @Test func theCSVIsWhatASpreadsheetShows() throws {
        let german = try PythonCSV(path: demo.folder.file(try folder(of: "1001") + "statement.csv"))
        #expect(german.rows[0] == ["Konto", "Datum", "Beleg", "Beschreibung", "Belastung", "Gutschrift", "Saldo", "Währung"])
        #expect(german.rows[1] == ["1001-STROM", "2026-08-01", "RE-2026-0815", "Rechnung – Abschlag August", "84.20", "", "84.20", "EUR"])
        #expect(german.rows[2] == ["1001-STROM", "2026-08-12", "", "Zahlung per Überweisung – für RE-2026-0815", "", "84.20", "0.00", "EUR"])
        let english = try PythonCSV(path: demo.folder.file(try folder(of: "1003") + "statement.csv"))
        #expect(english.rows[0] == ["Account", "Date", "Document", "Description", "Debit", "Credit", "Balance", "Currency"])
        #expect(english.rows.contains(["1003-EV", "2026-09-18", "", "Charging, Marktplatz station", "12.40", "", "37.60", "EUR"]))
        // Quotes and commas in content survive: the hostile name's account label is not in the CSV,
        // but its invoice description with "<" and its payment reference are, as written.
        let hostile = try PythonCSV(path: demo.folder.file(try folder(of: "1002") + "statement.csv"))
        #expect(hostile.rows.contains { $0[3] == "Rechnung – Verbrauch Q3 <inkl. Nachtstrom>" })
        #expect(hostile.rows.contains { $0[2] == "Teilzahlung lt. Absprache" })
        // Overpayment: the balance turns negative by the credit.
        let credit = try PythonCSV(path: demo.folder.file(try folder(of: "1005") + "statement.csv"))
        #expect(credit.rows.last?[6] == "-27.00")
        #expect(credit.rows.last?[3] == "Zahlung per Überweisung – für RE-2026-5001 – als Guthaben: 27,00\u{00A0}€")
    }

    @Test func aFormulaInContentIsNotRunBySpreadsheets() throws {
        demo.edit("content/customers/1004.json") { $0.replacingOccurrences(of: "\"Laden Marktplatz\"", with: "\"=HYPERLINK(\\\"http://x\\\",\\\"a,b\\\")\"") }
        try demo.build()
        let csv = try PythonCSV(path: demo.folder.file(try folder(of: "1004") + "statement.csv"))
        #expect(csv.rows.contains { $0[3] == "'=HYPERLINK(\"http://x\",\"a,b\")" })
    }

    @Test func theStatementPageIsPrivatePrintableAndLinked() throws {
        let folder = try folder(of: "1001")
        let statement = demo.folder.read(folder + "statement.html")
        #expect(statement.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"))
        #expect(statement.contains("<meta name=\"referrer\" content=\"no-referrer\">"))
        #expect(!statement.contains("<script"))
        #expect(statement.contains("<h1 id=\"statement-title\">Kontoauszug</h1>"))
        #expect(statement.contains("<a class=\"button\" href=\"statement.csv\" download=\"kontoauszug-1001-2026-11-29.csv\">"))
        #expect(statement.contains("<a href=\"./\">Zurück zu Ihrer Seite</a>"))
        let css = try #require(statement.firstMatch(of: /href="\.\.\/\.\.\/(assets\/statement\.[0-9a-f]{8}\.css)"/)).1
        let stylesheet = demo.folder.read("site/" + css)
        #expect(stylesheet.contains("@page {\n  size: A4;"))
        #expect(stylesheet.contains("counter(page) \" / \" counter(pages)"))
        #expect(demo.folder.read(folder + "index.html").contains("<a href=\"statement.html\">Kontoauszug ansehen</a>"))
        #expect(demo.folder.read(try self.folder(of: "1003") + "index.html").contains("<a href=\"statement.html\">View your statement of account</a>"))
    }

    @Test func openAmountsByAgeOnTheStatement() throws {
        let statement = demo.folder.read(try folder(of: "1001") + "statement.html")
        // As of 2026-11-29: RE-2026-1115 not yet due, RE-2026-1015 45 days overdue, RE-2026-0915 75 days.
        let buckets = statement.matches(of: /<dt>([^<]+)<\/dt><dd>([^<]+)<\/dd>/).map { "\($0.1): \($0.2)" }
        #expect(buckets == ["Noch nicht fällig: 1.234,56\u{00A0}€", "1–30 Tage überfällig: 0,00\u{00A0}€", "31–60 Tage überfällig: 84,20\u{00A0}€",
                            "61–90 Tage überfällig: 44,20\u{00A0}€", "Über 90 Tage überfällig: 0,00\u{00A0}€", "Offen insgesamt: 1.362,96\u{00A0}€"])
        // Nothing open: no ages.
        #expect(!demo.folder.read(try folder(of: "1005") + "statement.html").contains("<dl class=\"aging\">"))
    }

    @Test func theHeadersGiveTheCSVItsTypeAndKeepItPrivate() {
        let headers = demo.folder.read("site/_headers")
        #expect(headers.contains("/c/*\n  X-Robots-Tag: noindex, nofollow\n  Cache-Control: private, no-store, max-age=0\n"))
        #expect(headers.contains("/c/:token/statement.csv\n  Content-Type: text/csv; charset=utf-8\n  Content-Disposition: attachment\n"))
        let netlify = (try? String(contentsOfFile: TestPaths.repository + "/netlify.toml", encoding: .utf8)) ?? ""
        #expect(netlify.contains("for = \"/c/:token/statement.csv\"\n  [headers.values]\n    Content-Type = \"text/csv; charset=utf-8\""))
    }
}
