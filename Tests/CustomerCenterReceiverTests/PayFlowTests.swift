import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterReceiver
import CustomerCenterSigning
import CustomerCenterTestSupport
import Foundation
import Testing

/// Pay links from the page to the provider and back, over real HTTP on 127.0.0.1.
@Suite struct PayFlowTests {
    static let payKey = try! PayLinkKey("DEMO-ONLY-pay-link-secret-public-do-not-use-012345")

    func token(customer: String = "1001", account: String = "1001-STROM", invoice: String? = nil, purpose: PayToken.Purpose = .settle,
               currency: String = "EUR", linkVersion: Int = 1, expiresAt: Int = ReceiverHarness.now + 86_400) -> String {
        PayToken(customerID: customer, accountID: account, invoiceNumber: invoice, purpose: purpose, currency: currency,
                 linkVersion: linkVersion, expiresAt: expiresAt).signed(with: Self.payKey)!
    }

    @Test(arguments: LedgerEngineKind.available) func theSandboxLoopBooksWhatWasPaidAndThePageShowsIt(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        try await harness.withPreviewReceiver { receiver, client, base async throws in
            // The page offers a form whose token pays the account.
            let page = try await client.send("GET", "/c/" + harness.pageToken(of: "1002") + "/").body
            #expect(page.contains("action=\"\(base)/pay\""))
            let formToken = try #require(PageForm.firstToken(in: page))
            // Underpayment of 1,000.00 on the 3,795.40 open.
            let started = try await client.sendFull("GET", "/pay?token=\(formToken)&amount=1000,00&method=paypal")
            #expect(started.reply.status == 303)
            let checkout = try #require(started.location)
            #expect(checkout.hasPrefix(base + "/sandbox/checkout/co_"))
            await receiver.waitForPages()
            #expect(try harness.page(of: "1002").contains("1.000,00\u{00A0}€ per PayPal am 18.11.2026 gestartet – wartet auf Bestätigung."))
            let sandbox = try await client.sendFull("GET", checkout)
            #expect(sandbox.reply.body.contains("Sandbox-Kasse"))
            let paid = try await client.sendFull("POST", checkout, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                 body: Array("action=pay&amount=1000%2C00".utf8))
            #expect(paid.reply.status == 303)
            #expect(paid.location?.hasPrefix(base + "/return?checkout=co_") == true)
            let thanks = try await client.send("GET", paid.location!)
            #expect(thanks.body.contains("Ihre Zahlung über 1.000,00\u{00A0}€ wird bestätigt."))
            // The sandbox posts its signed callback over HTTP; wait until it is booked and the page rewritten.
            for _ in 0..<100 where try receiver.ledger.entries(customerID: "1002").isEmpty {
                try await Task.sleep(for: .milliseconds(50))
            }
            await receiver.waitForPages()
            let updated = try harness.page(of: "1002")
            #expect(updated.contains("2.795,40\u{00A0}€"))
            #expect(!updated.contains("wartet auf Bestätigung"))
        }
    }

    @Test(arguments: LedgerEngineKind.available) func aDifferentAmountAtTheProviderIsBookedAsPaidAndFlagged(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        try await harness.withPreviewReceiver { receiver, client, _ async throws in
            let started = try await client.sendFull("GET", "/pay?token=\(token(customer: "1005", account: "1005-WASSER"))&amount=10,00&method=card")
            let checkout = try #require(started.location)
            _ = try await client.sendFull("POST", checkout, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                          body: Array("action=pay&amount=12,50".utf8))
            for _ in 0..<100 where try receiver.ledger.entries(customerID: "1005").isEmpty {
                try await Task.sleep(for: .milliseconds(50))
            }
            let entry = try #require(try receiver.ledger.entries(customerID: "1005").first)
            #expect(entry.amountMinor == 1_250)
            #expect(entry.note == "paid 1250 EUR, checkout started with 1000 EUR")
        }
    }

    @Test(arguments: LedgerEngineKind.available) func aDeclinedOrCancelledCheckoutIsShownAndBooksNothing(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        try await harness.withPreviewReceiver { receiver, client, _ async throws in
            let first = try await client.sendFull("GET", "/pay?token=\(token())&amount=5,00&method=sofort")
            let declined = try await client.send("POST", first.location!, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                 body: Array("action=decline".utf8))
            #expect(declined.body.contains("Zahlung abgelehnt"))
            let second = try await client.sendFull("GET", "/pay?token=\(token())&amount=6,00&method=card")
            let checkoutID = String(second.location!.split(separator: "/").last!)
            let cancelled = try await client.send("GET", "/cancel?checkout=\(checkoutID)")
            #expect(cancelled.body.contains("Zahlung abgebrochen"))
            await receiver.waitForPages()
            let page = try harness.page(of: "1001")
            #expect(page.contains("5,00\u{00A0}€ per Sofort vom 18.11.2026: fehlgeschlagen. Es wurde nichts abgebucht."))
            #expect(page.contains("6,00\u{00A0}€ per Karte vom 18.11.2026: abgebrochen."))
            #expect(try receiver.ledger.entries(customerID: "1001").isEmpty)
            // A finished checkout cannot be paid afterwards.
            #expect(try await client.send("GET", second.location!).status == 409)
        }
    }

    @Test(arguments: LedgerEngineKind.available) func everyBadPayLinkIsAPageInTheCustomersLanguageAndStartsNothing(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        let good = token()
        let (payload, signature) = (good.split(separator: ".")[0], good.split(separator: ".")[1])
        let otherCustomer = PayToken(customerID: "1002", accountID: "1001-STROM", invoiceNumber: nil, purpose: .settle, currency: "EUR",
                                     linkVersion: 1, expiresAt: ReceiverHarness.now + 86_400).signed(with: Self.payKey)!
        let wrongKey = PayToken(customerID: "1001", accountID: "1001-STROM", invoiceNumber: nil, purpose: .settle, currency: "EUR",
                                linkVersion: 1, expiresAt: ReceiverHarness.now + 86_400).signed(with: try PayLinkKey("x-wrong-key-0123456789abcdefghijklmnop"))!
        let cases: [(String, String, Int, String)] = [
            ("tampered", "/pay?token=\(otherCustomer.split(separator: ".")[0]).\(signature)&amount=10,00&method=card", 400, "Dieser Zahlungslink ist ungültig"),
            ("truncated", "/pay?token=\(good.dropLast(3))&amount=10,00&method=card", 400, "Dieser Zahlungslink ist ungültig"),
            ("wrong key", "/pay?token=\(wrongKey)&amount=10,00&method=card", 400, "Dieser Zahlungslink ist ungültig"),
            ("payload only", "/pay?token=\(payload)&amount=10,00&method=card", 400, "Dieser Zahlungslink ist ungültig"),
            ("no token", "/pay?amount=10,00&method=card", 400, "Dieser Zahlungslink ist ungültig"),
            ("account of another customer", "/pay?token=\(otherCustomer)&amount=10,00&method=card", 410, "Dieser Zahlungslink ist ungültig"),
            ("expired", "/pay?token=\(token(expiresAt: ReceiverHarness.now - 1))&amount=10,00&method=card", 410, "Dieser Zahlungslink ist abgelaufen"),
            ("rotated link", "/pay?token=\(token(linkVersion: 0))&amount=10,00&method=card", 410, "Dieser Zahlungslink ist abgelaufen"),
            ("empty amount", "/pay?token=\(good)&amount=&method=card", 422, "Bitte geben Sie einen Betrag ein, zum Beispiel 20,00."),
            ("zero", "/pay?token=\(good)&amount=0&method=card", 422, "Der Betrag muss zwischen 1,00\u{00A0}€ und 4.088,88\u{00A0}€ liegen."),
            ("negative", "/pay?token=\(good)&amount=-5&method=card", 422, "Der Betrag muss zwischen 1,00\u{00A0}€ und 4.088,88\u{00A0}€ liegen."),
            ("not a number", "/pay?token=\(good)&amount=zehn&method=card", 422, "Bitte geben Sie den Betrag in Ziffern ein, zum Beispiel 20,00"),
            ("too many decimals", "/pay?token=\(good)&amount=10,0011&method=card", 422, "höchstens 2 Nachkommastellen"),
            ("ambiguous", "/pay?token=\(good)&amount=1,234&method=card", 422,
             "Der Betrag hat mehr als 2 Nachkommastellen. Meinten Sie 1.234,00\u{00A0}€? Dann schreiben Sie bitte 1234,00."),
            ("below the minimum", "/pay?token=\(good)&amount=0,50&method=card", 422, "Der Betrag muss zwischen 1,00\u{00A0}€ und 4.088,88\u{00A0}€ liegen."),
            ("beyond three times the open amount", "/pay?token=\(good)&amount=5000&method=card", 422, "Der Betrag muss zwischen 1,00\u{00A0}€ und 4.088,88\u{00A0}€ liegen."),
            ("unknown method", "/pay?token=\(good)&amount=10,00&method=bitcoin", 422, "Diese Zahlungsart ist nicht verfügbar"),
            ("disabled method", "/pay?token=\(good)&amount=10,00&method=transfer", 422, "Diese Zahlungsart ist nicht verfügbar"),
        ]
        try await harness.withPreviewReceiver { receiver, client, _ async throws in
            for (name, path, status, text) in cases {
                let reply = try await client.send("GET", path)
                #expect(reply.status == status, "\(name)")
                #expect(reply.body.contains(text), "\(name)")
                #expect(reply.body.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"), "\(name)")
            }
            // An English customer reads English.
            let english = try await client.send("GET", "/pay?token=\(token(customer: "1003", account: "1003-EV", purpose: .topUp))&amount=ten&method=card")
            #expect(english.body.contains("Enter the amount in figures, for example 20.00, between €1.00 and €10,000.00."))
            #expect(english.body.contains("<title>Error: Please check the amount · "))
            // No checkout was started by any of them.
            #expect(try receiver.ledger.activity(customerID: "1001", now: ReceiverHarness.now, dateOf: { CalendarDate(daysSinceEpoch: $0 / 86_400) })
                .checkouts.isEmpty)
        }
    }

    /// Issue 13: a GET form's spaces arrive as `+` (application/x-www-form-urlencoded), and people type
    /// the currency sign. These queries are exactly what Chromium sends for `50,00 €`, `20,00 ` and
    /// `20 €` typed into the field (the browser test types them too).
    @Test(arguments: LedgerEngineKind.available) func amountsArriveAsABrowserEncodesTheForm(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        try await harness.withPreviewReceiver { receiver, client, base async throws in
            for query in ["50%2C00+%E2%82%AC", "20%2C00+", "20+%E2%82%AC", "%E2%82%AC+1.234%2C56", "1%E2%80%AF000"] {
                let started = try await client.sendFull("GET", "/pay?token=\(token())&amount=\(query)&method=card")
                #expect(started.reply.status == 303, "\(query): \(started.reply.body.prefix(300))")
                #expect(started.location?.hasPrefix(base + "/sandbox/checkout/co_") == true, "\(query)")
            }
            let started = try receiver.ledger.activity(customerID: "1001", now: ReceiverHarness.now,
                                                       dateOf: { CalendarDate(daysSinceEpoch: $0 / 86_400) }).checkouts
            #expect(started.map(\.amount.minorUnits).sorted() == [2_000, 2_000, 5_000, 100_000, 123_456])
        }
    }

    /// GOV.UK's error pattern: the title starts with "Fehler:", a summary says what is wrong and links
    /// to the field, and the form comes back with what was typed, the method chosen, and the message
    /// beside the field.
    @Test(arguments: LedgerEngineKind.available) func aRefusedAmountComesBackInTheFormWithTheErrorBesideIt(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        try await harness.withPreviewReceiver { _, client, base async throws in
            let good = token()
            let reply = try await client.send("GET", "/pay?token=\(good)&amount=zehn+Euro&method=sofort")
            #expect(reply.status == 422)
            let page = reply.body
            #expect(page.contains("<title>Fehler: Bitte prüfen Sie den Betrag · Kundenportal Stadtwerke Sonnenfeld</title>"))
            #expect(page.contains("<h2 id=\"error-summary-title\">Es gibt ein Problem</h2>"))
            #expect(page.contains("<a href=\"#pay-1001-STROM-amount\">Bitte geben Sie den Betrag in Ziffern ein, zum Beispiel 20,00 – zwischen 1,00\u{00A0}€ und 4.088,88\u{00A0}€.</a>"))
            #expect(page.contains("<form class=\"pay-form\" method=\"get\" action=\"\(base)/pay\">"))
            #expect(page.contains("<input type=\"hidden\" name=\"token\" value=\"\(good)\">"))
            #expect(page.contains("<p class=\"error-message\" id=\"pay-1001-STROM-amount-error\"><span class=\"visually-hidden\">Fehler:</span> Bitte geben Sie den Betrag in Ziffern ein"))
            #expect(page.contains("inputmode=\"decimal\""))
            #expect(page.contains("value=\"zehn Euro\" aria-describedby=\"pay-1001-STROM-amount-hint pay-1001-STROM-amount-error\" aria-invalid=\"true\""))
            #expect(page.contains("<label for=\"pay-1001-STROM-amount\">Betrag in €</label>"))
            #expect(page.contains("id=\"pay-1001-STROM-sofort\" name=\"method\" value=\"sofort\" checked>"))
            #expect(!page.contains("value=\"paypal\" checked"))
            // What was typed is escaped like everything else from outside.
            let hostile = try await client.send("GET", "/pay?token=\(good)&amount=%22%3E%3Cscript%3E&method=card").body
            #expect(!hostile.contains("<script>"))
            #expect(hostile.contains("value=\"&quot;&gt;&lt;script&gt;\""))
            // Every refusal's title says it is one.
            #expect(try await client.send("GET", "/pay?token=x.y&amount=5&method=card").body.contains("<title>Fehler: Dieser Zahlungslink ist ungültig"))
        }
    }

    /// Issue 13: a declined checkout opened again said "Diese Zahlung ist schon abgeschlossen".
    @Test(arguments: LedgerEngineKind.available) func aCheckoutOpenedAgainSaysHowItEnded(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        try await harness.withPreviewReceiver { _, client, _ async throws in
            let declined = try #require(try await client.sendFull("GET", "/pay?token=\(token())&amount=5,00&method=card").location)
            _ = try await client.send("POST", declined, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array("action=decline".utf8))
            let again = try await client.send("GET", declined)
            #expect(again.status == 409)
            #expect(again.body.contains("<h1>Zahlung abgelehnt</h1>"))
            #expect(!again.body.contains("schon abgeschlossen"))
            let cancelled = try #require(try await client.sendFull("GET", "/pay?token=\(token())&amount=6,00&method=card").location)
            _ = try await client.send("GET", "/cancel?checkout=" + String(cancelled.split(separator: "/").last ?? ""))
            #expect(try await client.send("GET", cancelled).body.contains("<h1>Zahlung abgebrochen</h1>"))
        }
    }

    /// Issue 13: a payment that settled several invoices said "Für: Konto allgemein"; the row now
    /// shows what it settled and the credit it left.
    @Test(arguments: LedgerEngineKind.available) func anOnlinePaymentShowsTheInvoicesItSettledAndTheCredit(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        try await harness.withPreviewReceiver { receiver, client, _ async throws in
            let body = ReceiverHarness.sandboxEvent(id: "evt_split", payment: "pay_split", amount: "250.00", customer: "1006", account: "1006-GAS")
            #expect(try await client.sandbox(body).status == 200)
            await receiver.waitForPages()
            let page = try harness.page(of: "1006")
            #expect(page.contains("<td data-label=\"Für\"><span class=\"split\">RE-2026-6101: 96,50\u{00A0}€</span><span class=\"split\">RE-2026-6102: 96,50\u{00A0}€</span><span class=\"split\">Guthaben: 57,00\u{00A0}€</span></td>"))
            // A payment that went wholly to the invoice it named keeps the plain invoice number.
            #expect(try harness.page(of: "1001").contains("<td data-label=\"Für\">RE-2026-0915</td>"))
        }
    }

    @Test(arguments: LedgerEngineKind.available) func aOneClickInvoiceLinkAsksForTheMethod(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        try await harness.withPreviewReceiver { _, client, base async throws in
            let page = try await client.send("GET", "/c/" + harness.pageToken(of: "1001") + "/").body
            let link = try #require(page.range(of: #"class="pay-link" href="[^"]+""#, options: .regularExpression)
                .map { String(page[$0]).replacingOccurrences(of: "class=\"pay-link\" href=\"", with: "").dropLast()
                    .replacingOccurrences(of: "&amp;", with: "&") })
            #expect(link.hasSuffix("&amount=44,20"))
            let choice = try await client.send("GET", String(link))
            #expect(choice.status == 200)
            #expect(choice.body.contains("Wie möchten Sie bezahlen?"))
            #expect(choice.body.contains("Sie bezahlen 44,20\u{00A0}€."))
            #expect(choice.body.contains("\(base)/pay?token="))
            #expect(choice.body.contains("&amp;method=paypal\">PayPal</a>"))
        }
    }

    @Test(arguments: LedgerEngineKind.available) func aPrepaidTopUpRaisesTheBalance(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        try await harness.withPreviewReceiver { receiver, client, _ async throws in
            let topUp = token(customer: "1003", account: "1003-EV", purpose: .topUp)
            let started = try await client.sendFull("GET", "/pay?token=\(topUp)&amount=20.00&method=card")
            #expect(started.reply.status == 303)
            _ = try await client.sendFull("POST", started.location!, headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                          body: Array("action=pay&amount=20.00".utf8))
            for _ in 0..<100 where try receiver.ledger.entries(customerID: "1003").isEmpty {
                try await Task.sleep(for: .milliseconds(50))
            }
            // The booking is committed before the callback is answered; the page follows right after.
            for _ in 0..<100 where try !harness.page(of: "1003").contains("€63.85") {
                await receiver.waitForPages()
                try await Task.sleep(for: .milliseconds(50))
            }
            let page = try harness.page(of: "1003")
            #expect(page.contains("€63.85"))  // 43.85 + 20.00
            #expect(page.contains("Top-up by card"))
        }
    }
}
