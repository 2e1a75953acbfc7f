import CustomerCenterRender
import CustomerCenterTestSupport
import Foundation
import Testing

/// The demo pages exactly as built, compared with files in `Golden/`.
/// Re-record after an intended change: `RECORD_GOLDEN=1 swift test --filter GoldenPageTests`.
@Suite struct GoldenPageTests {
    static let goldenFolder = TestPaths.repository + "/Tests/CustomerCenterRenderTests/Golden"

    @Test(arguments: ["1001", "1002", "1003", "1005", "1007"])
    func personalPageMatchesTheGoldenFile(_ customerID: String) throws {
        let demo = DemoBuild("golden")
        try demo.build()
        let html = try demo.page(of: customerID)
        let golden = Self.goldenFolder + "/customer-\(customerID).html"
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
            try html.write(toFile: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: golden, encoding: .utf8)
        #expect(html == expected, "re-record with RECORD_GOLDEN=1 if the change is intended")
    }
}

/// What a customer reads on the demo pages: figures, statuses, formats, empty states.
@Suite struct DemoPageFigureTests {
    let demo = DemoBuild("figures")
    init() throws { try demo.build() }

    /// Visible text of a page: tags dropped, entities decoded, whitespace folded.
    func text(_ html: String) -> String {
        var out = html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        for (entity, char) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")] {
            out = out.replacingOccurrences(of: entity, with: char)
        }
        return out.replacingOccurrences(of: "\u{00A0}", with: " ")
            .replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
    }

    @Test func germanCustomerWithSeveralOpenInvoices() throws {
        let page = text(try demo.page(of: "1001"))
        #expect(page.contains("Jürgen Weiß"))
        #expect(page.contains("Offener Betrag 1.362,96 €"))
        #expect(page.contains("RE-2026-0915 Abschlag September Rechnung als PDF 01.09.2026 15.09.2026 84,20 € bezahlt: 40,00 € 44,20 € Diese Rechnung bezahlen Überfällig seit 75 Tagen"))
        #expect(page.contains("RE-2026-1115 Jahresabrechnung 2025/26 01.11.2026 15.12.2026 1.234,56 € 1.234,56 € Diese Rechnung bezahlen Offen"))
        #expect(page.contains("Bezahlte Rechnungen (1)"))
        #expect(page.contains("20.09.2026 40,00 € PayPal RE-2026-0915"))
    }

    @Test func partialPaymentAndHostileName() throws {
        let html = try demo.page(of: "1002")
        #expect(html.contains("<h1>Müller &amp; Söhne &lt;Bäckerei&gt; GmbH</h1>"))
        #expect(!html.contains("<Bäckerei>"))
        #expect(!html.contains("<inkl. Nachtstrom>"))
        let page = text(html)
        #expect(page.contains("Gewerbestrom \"Backstube\" & Laden"))
        #expect(page.contains("2.480,00 € bezahlt: 1.000,00 € 1.480,00 € Diese Rechnung bezahlen Überfällig"))
        #expect(page.contains("Offener Betrag 3.795,40 €"))
    }

    @Test func englishCustomerWithTwoAccountsOnePrepaid() throws {
        let html = try demo.page(of: "1003")
        #expect(html.contains("<html lang=\"en\">"))
        let page = text(html)
        #expect(page.contains("Amount due €0.00 All paid – thank you!"))
        #expect(page.contains("No open invoices."))
        #expect(page.contains("Credit balance €43.85"))
        #expect(page.contains("7 Oct 2026 Charging, Bahnhof station \u{2212}€18.75"))
        #expect(page.contains("2 Nov 2026 Top-up +€25.00"))
    }

    @Test func overpaymentIsShownAsCredit() throws {
        let page = text(try demo.page(of: "1005"))
        #expect(page.contains("Offener Betrag 0,00 €"))
        #expect(page.contains("Guthaben aus Überzahlung: 27,00 €"))
    }

    @Test func emptyStatesReadWell() throws {
        let newCustomer = text(try demo.page(of: "1007"))
        #expect(newCustomer.contains("Offener Betrag 0,00 € Noch keine Rechnungen."))
        #expect(!newCustomer.contains("Alles bezahlt"))
        #expect(newCustomer.contains("Keine offenen Rechnungen."))
        #expect(newCustomer.contains("Bisher sind keine Zahlungen eingegangen."))
        let austrian = text(try demo.page(of: "1008"))
        #expect(austrian.contains("Guthaben € 0,00"))
        #expect(austrian.contains("Noch keine Buchungen auf diesem Konto."))
    }

    @Test func personalPagesAreMarkedPrivate() throws {
        for id in ["1001", "1003", "1008"] {
            let html = try demo.page(of: id)
            #expect(html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"))
            #expect(html.contains("<meta name=\"referrer\" content=\"no-referrer\">"))
            #expect(!html.contains("<script"))
            #expect(html.contains("href=\"../../assets/style."))
        }
    }

    @Test func everyCustomerHasExactlyOnePageAndAStatement() throws {
        let files = demo.folder.files(under: "site/c")
        let folders = Set(files.map { String($0.prefix(24)) })
        #expect(folders.count == 8)
        #expect(folders.allSatisfy { $0.count == 24 && !$0.contains("/") })
        for folder in folders {
            let own = files.filter { $0.hasPrefix(folder + "/") }.map { String($0.dropFirst(25)) }
            #expect(own.filter { !$0.hasPrefix("documents/") } == ["index.html", "statement.csv", "statement.html"], "\(folder)")
        }
        // One invoice document in the demo (customer 1001's), under a name that is not its number.
        let documents = files.filter { $0.contains("/documents/") }
        #expect(documents.count == 1)
        #expect(documents.allSatisfy { $0.range(of: #"^[A-Za-z0-9_-]{24}/documents/[A-Za-z0-9_-]{22}\.pdf$"#, options: .regularExpression) != nil })
    }

    @Test func contentPagesAreRenderedWithCmarkAndLinkedFromEveryPage() throws {
        let help = demo.folder.read("site/de/hilfe/index.html")
        #expect(help.contains("<h1>Hilfe zu Ihrer Kundenseite</h1>"))
        #expect(help.contains("<li><strong>Offen</strong> – die Rechnung ist noch nicht fällig und noch nicht bezahlt.</li>"))
        #expect(try demo.page(of: "1001").contains("<a href=\"../../de/hilfe/\">Hilfe</a>"))
        #expect(try demo.page(of: "1003").contains("<a href=\"../../en/help/\">Help</a>"))
    }
}
