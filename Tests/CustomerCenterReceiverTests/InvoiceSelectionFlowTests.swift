import CustomerCenterLedger
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterReceiver
import CustomerCenterSigning
import CustomerCenterTestSupport
import Foundation
import Testing

/// Paying a chosen set of invoices from the page's checkboxes, over real HTTP on 127.0.0.1: the sum
/// is charged, exactly the ticked invoices are settled, and every bad choice is a page in the
/// customer's language that starts nothing.
@Suite struct InvoiceSelectionFlowTests {
    static let payKey = try! PayLinkKey("DEMO-ONLY-pay-link-secret-public-do-not-use-012345")
    static let dateOf: @Sendable (Int) -> CalendarDate = { CalendarDate(daysSinceEpoch: $0 / 86_400) }

    static func selectionToken(in page: String) -> String? { PageForm.selectionToken(in: page) }

    /// The invoices a method choice page lists, each with what is open on it.
    static func listed(_ page: String) -> [String] {
        page.matches(of: /<span class="message-invoices__number">([^<]+)<\/span> <span class="message-invoices__amount">([^<]+)<\/span>/)
            .map { "\($0.1) \($0.2)" }
    }

    /// What the browser sends when `invoices` are ticked (a GET form: `name=value` pairs).
    static func ticked(_ token: String, _ invoices: [String], method: String? = nil) -> String {
        "/pay?token=\(token)" + invoices.map { "&invoice=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) }.joined()
            + (method.map { "&method=" + $0 } ?? "")
    }

    func checkouts(_ receiver: Receiver, _ customer: String) throws -> Int {
        try receiver.ledger.activity(customerID: customer, now: ReceiverHarness.now, dateOf: Self.dateOf).checkouts.count
    }

    @Test(arguments: LedgerEngineKind.available) func twoTickedInvoicesArePaidAndSettledTheThirdStaysOpen(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        try await harness.withPreviewReceiver { receiver, client, base async throws in
            let page = try await client.send("GET", "/c/" + harness.pageToken(of: "1001") + "/").body
            #expect(page.contains("<input type=\"checkbox\" id=\"select-1001-STROM-1\" name=\"invoice\" value=\"RE-2026-0915\">"))
            #expect(page.contains("<input type=\"checkbox\" id=\"select-1001-STROM-3\" name=\"invoice\" value=\"RE-2026-1115\">"))
            let token = try #require(Self.selectionToken(in: page))
            #expect(try PayToken.verify(token, key: Self.payKey, now: ReceiverHarness.now).selectableInvoices
                    == ["RE-2026-0915", "RE-2026-1015", "RE-2026-1115"])

            // Ticked, sent: the sum and the invoices, and a button per method that carries them.
            let choice = try await client.send("GET", Self.ticked(token, ["RE-2026-0915", "RE-2026-1015"]))
            #expect(choice.status == 200)
            #expect(choice.body.contains("Sie bezahlen 128,40\u{00A0}€ für diese Rechnungen:"))
            #expect(Self.listed(choice.body) == ["RE-2026-0915 44,20\u{00A0}€", "RE-2026-1015 84,20\u{00A0}€"])
            let card = try #require(choice.body.firstMatch(of: /href="([^"]+&amp;method=card)"/)).1.replacingOccurrences(of: "&amp;", with: "&")
            #expect(card.hasPrefix(base + "/pay?token=\(token)&amount=128,40&invoice=RE-2026-0915&invoice=RE-2026-1015&method=card"))
            #expect(try checkouts(receiver, "1001") == 0, "showing the sum starts nothing")

            let started = try await client.sendFull("GET", card)
            #expect(started.reply.status == 303)
            let checkout = try #require(started.location)
            let checkoutID = String(checkout.split(separator: "/").last ?? "")
            let pending = try #require(try receiver.ledger.pending(checkoutID: checkoutID))
            #expect(pending.amount == Money(minorUnits: 12_840, currency: .eur))
            #expect(pending.selectedInvoices == ["RE-2026-0915", "RE-2026-1015"])
            #expect(pending.invoiceNumber == nil)

            _ = try await client.sendFull("POST", checkout, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                          body: Array("action=pay&amount=128%2C40".utf8))
            for _ in 0..<100 where try receiver.ledger.entries(customerID: "1001").isEmpty {
                try await Task.sleep(for: .milliseconds(50))
            }
            let entry = try #require(try receiver.ledger.entries(customerID: "1001").first)
            #expect(entry.selectedInvoices == ["RE-2026-0915", "RE-2026-1015"])
            #expect(try receiver.ledger.allocations(paymentRowID: entry.id ?? 0).map { "\($0.invoiceNumber ?? "credit") \($0.amountMinor)" }
                    == ["RE-2026-0915 4420", "RE-2026-1015 8420"])
            for _ in 0..<100 where try !harness.page(of: "1001").contains("Bezahlte Rechnungen (3)") {
                await receiver.waitForPages()
                try await Task.sleep(for: .milliseconds(50))
            }
            let after = try harness.page(of: "1001")
            #expect(after.contains("Bezahlte Rechnungen (3)"))
            #expect(after.contains("<p class=\"figure__value figure__value--due\">1.234,56\u{00A0}€</p>"))
            #expect(after.contains("<td data-label=\"Für\"><span class=\"split\">RE-2026-0915: 44,20\u{00A0}€</span><span class=\"split\">RE-2026-1015: 84,20\u{00A0}€</span></td>"))
            // One invoice open: no choice left to make.
            #expect(Self.selectionToken(in: after) == nil)
            // The regenerated statement (the same pipeline) has the payment too.
            let folder = "site/c/" + (try harness.pageToken(of: "1001")) + "/"
            let csv = try PythonCSV(path: harness.folder.file(folder + "statement.csv"))
            #expect(csv.rows.last == ["1001-STROM", "2026-11-18", "pay_" + checkoutID, "Zahlung per Karte – für RE-2026-0915, RE-2026-1015",
                                      "", "128.40", "1234.56", "EUR"])
            #expect(harness.folder.read(folder + "statement.html").contains("<strong>1.234,56\u{00A0}€</strong>"))

            // The same choice again, from the page as it was: both are paid now.
            let again = try await client.send("GET", Self.ticked(token, ["RE-2026-0915", "RE-2026-1015"], method: "card"))
            #expect(again.status == 409)
            #expect(again.body.contains("Bereits bezahlt"))
            #expect(again.body.contains("Für RE-2026-0915, RE-2026-1015 ist nichts mehr offen."))
            #expect(try receiver.ledger.pending(checkoutID: checkoutID)?.status == .completed)
            #expect(try receiver.ledger.entries(customerID: "1001").count == 1)
        }
    }

    @Test(arguments: LedgerEngineKind.available) func everyBadChoiceIsAPageInTheCustomersLanguageAndStartsNothing(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        try await harness.withPreviewReceiver { receiver, client, _ async throws in
            let page = try await client.send("GET", "/c/" + harness.pageToken(of: "1001") + "/").body
            let token = try #require(Self.selectionToken(in: page))
            let formToken = try #require(PageForm.firstToken(in: page))
            // The list changed on the way: the signature no longer fits.
            var widened = try PayToken.verify(token, key: Self.payKey, now: ReceiverHarness.now)
            widened.selectableInvoices.append("RE-2026-2001")
            let forged = try #require(widened.signed(with: Self.payKey)).split(separator: ".")[0] + "." + token.split(separator: ".")[1]
            let cases: [(String, String, Int, String)] = [
                ("nothing ticked", Self.ticked(token, [], method: "card"), 422, "Sie haben keine Rechnung angekreuzt."),
                ("nothing ticked, no method", Self.ticked(token, []), 422, "Bitte wählen Sie eine Rechnung aus"),
                ("an empty value", Self.ticked(token, [""], method: "card"), 400, "Diese Auswahl ist ungültig"),
                ("a paid invoice the form did not offer", Self.ticked(token, ["RE-2026-0815"], method: "card"), 400, "Diese Auswahl ist ungültig"),
                ("another customer's invoice", Self.ticked(token, ["RE-2026-0915", "RE-2026-2001"], method: "card"), 400,
                 "Die Auswahl passt nicht zu Ihrer Seite."),
                ("the list widened", Self.ticked(String(forged), ["RE-2026-2001"], method: "card"), 400, "Dieser Zahlungslink ist ungültig"),
                ("invoices on the amount form", Self.ticked(formToken, ["RE-2026-0915"], method: "card") + "&amount=44,20", 400,
                 "Diese Auswahl ist ungültig"),
            ]
            for (name, path, status, text) in cases {
                let reply = try await client.send("GET", path)
                #expect(reply.status == status, "\(name)")
                #expect(reply.body.contains(text), "\(name): \(reply.body.prefix(600))")
                #expect(reply.body.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"), "\(name)")
                if status != 400 || name != "the list widened" {
                    #expect(reply.body.contains("Zurück zu Ihrer Seite"), "\(name): a way back")
                }
            }
            // A typed amount does not change what the choice costs; a name ticked twice counts once.
            let doubled = try await client.send("GET", Self.ticked(token, ["RE-2026-1015", "RE-2026-1015"]) + "&amount=1,00")
            #expect(doubled.body.contains("Sie bezahlen 84,20\u{00A0}€ für diese Rechnungen:"))
            #expect(Self.listed(doubled.body) == ["RE-2026-1015 84,20\u{00A0}€"])
            #expect(try checkouts(receiver, "1001") == 0)
            #expect(try receiver.ledger.entries(customerID: "1001").isEmpty)

            // An English customer reads English: invoices paid in the file since the form was made.
            let english = PayToken(customerID: "1003", accountID: "1003-POWER", invoiceNumber: nil, purpose: .settle, currency: "EUR",
                                   linkVersion: 1, expiresAt: ReceiverHarness.now + 86_400,
                                   selectableInvoices: ["RE-2026-3001", "RE-2026-3002"]).signed(with: Self.payKey)!
            let paid = try await client.send("GET", Self.ticked(english, ["RE-2026-3002"], method: "card"))
            #expect(paid.status == 409)
            #expect(paid.body.contains("Already paid"))
            #expect(paid.body.contains("Nothing is open on RE-2026-3002 any more."))
            let none = try await client.send("GET", Self.ticked(english, [], method: "card"))
            #expect(none.body.contains("You did not tick any invoice."))
            #expect(try checkouts(receiver, "1003") == 0)
        }
    }

    @Test(arguments: LedgerEngineKind.available) func invoiceNumbersAreReadAsABrowserSendsThem(_ engine: LedgerEngineKind) async throws {
        // A number with a space, an ampersand and an umlaut: `+` and percent escapes, as form encoding has them.
        let harness = try await ReceiverHarness(engine: engine)
        let path = harness.folder.file("content/customers/1006.json")
        harness.folder.write(harness.folder.read("content/customers/1006.json").replacingOccurrences(of: "RE-2026-6101", with: "GAS 6101 & Ü"),
                             to: "content/customers/1006.json")
        #expect(FileManager.default.fileExists(atPath: path))
        try await harness.withPreviewReceiver { _, client, _ async throws in
            let token = PayToken(customerID: "1006", accountID: "1006-GAS", invoiceNumber: nil, purpose: .settle, currency: "EUR",
                                 linkVersion: 1, expiresAt: ReceiverHarness.now + 86_400,
                                 selectableInvoices: ["GAS 6101 & Ü", "RE-2026-6102"]).signed(with: Self.payKey)!
            let reply = try await client.send("GET", "/pay?token=\(token)&invoice=GAS+6101+%26+%C3%9C&invoice=RE-2026-6102")
            #expect(reply.status == 200)
            #expect(reply.body.contains("Sie bezahlen 193,00\u{00A0}€ für diese Rechnungen:"))
            #expect(Self.listed(reply.body) == ["GAS 6101 &amp; Ü 96,50\u{00A0}€", "RE-2026-6102 96,50\u{00A0}€"])
            // The method buttons carry the numbers percent-encoded.
            #expect(reply.body.contains("&amp;invoice=GAS%206101%20%26%20%C3%9C&amp;invoice=RE-2026-6102&amp;method=card"))
        }
    }
}
