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
            ("empty amount", "/pay?token=\(good)&amount=&method=card", 422, "Bitte geben Sie einen Betrag zwischen 1,00\u{00A0}€ und 4.088,88\u{00A0}€ ein"),
            ("zero", "/pay?token=\(good)&amount=0&method=card", 422, "Bitte geben Sie einen Betrag zwischen"),
            ("negative", "/pay?token=\(good)&amount=-5&method=card", 422, "Bitte geben Sie einen Betrag zwischen"),
            ("not a number", "/pay?token=\(good)&amount=zehn&method=card", 422, "Bitte geben Sie einen Betrag zwischen"),
            ("too many decimals", "/pay?token=\(good)&amount=10,001&method=card", 422, "höchstens 2 Nachkommastellen"),
            ("wrong locale format", "/pay?token=\(good)&amount=10.50&method=card", 422, "mit Komma, also 10,50"),
            ("below the minimum", "/pay?token=\(good)&amount=0,50&method=card", 422, "zwischen 1,00\u{00A0}€ und 4.088,88\u{00A0}€ bezahlen"),
            ("beyond three times the open amount", "/pay?token=\(good)&amount=5000&method=card", 422, "zwischen 1,00\u{00A0}€ und 4.088,88\u{00A0}€ bezahlen"),
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
            let english = try await client.send("GET", "/pay?token=\(token(customer: "1003", account: "1003-EV", purpose: .topUp))&amount=10,50&method=card")
            #expect(english.body.contains("Please write the amount with a decimal point: 10.50."))
            // No checkout was started by any of them.
            #expect(try receiver.ledger.activity(customerID: "1001", now: ReceiverHarness.now, dateOf: { CalendarDate(daysSinceEpoch: $0 / 86_400) })
                .checkouts.isEmpty)
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
            #expect(page.contains("Top-up by Card"))
        }
    }
}
