import CustomerCenterApplication
import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterReceiver
import CustomerCenterSigning
import CustomerCenterTestSupport
import Foundation
import Testing

/// Top-up by bank transfer from the page, the payment-request email, approval and its receipt, over
/// real HTTP on 127.0.0.1 with a real ledger, real templates and a real MIME parser.
@Suite struct TransferFlowTests {
    static let payKey = try! PayLinkKey("DEMO-ONLY-pay-link-secret-public-do-not-use-012345")

    func token(customer: String = "1004", account: String = "1004-KARTE", purpose: PayToken.Purpose = .topUp) -> String {
        PayToken(customerID: customer, accountID: account, invoiceNumber: nil, purpose: purpose, currency: "EUR",
                 linkVersion: 1, expiresAt: ReceiverHarness.now + 86_400).signed(with: Self.payKey)!
    }

    func outbox(_ harness: ReceiverHarness) -> [[UInt8]] {
        harness.folder.files(under: ".customer-center/outbox").filter { $0.hasSuffix(".eml") }.sorted().map {
            Array(FileManager.default.contents(atPath: harness.folder.file(".customer-center/outbox/" + $0)) ?? Data())
        }
    }

    /// The reference printed on a page or in a message: `RFnn nnnn nnnn nnnn`.
    func reference(in text: String) throws -> String {
        let range = try #require(text.range(of: #"RF\d\d \d{4} \d{4} \d{4}"#, options: .regularExpression))
        return String(text[range])
    }

    @Test(arguments: LedgerEngineKind.available) func aTopUpByTransferIsAnnouncedMailedShownAndApprovedOnce(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        try await harness.withPreviewReceiver { receiver, client, base async throws in
            // The prepaid form offers "Überweisung" beside the online methods.
            let page = try await client.send("GET", "/c/" + harness.pageToken(of: "1004") + "/").body
            #expect(page.contains("value=\"transfer\""))
            let formToken = try #require(PageForm.firstToken(in: page))

            let announced = try await client.send("GET", "/pay?token=\(formToken)&amount=50,00&method=transfer")
            #expect(announced.status == 200)
            #expect(announced.body.contains("Ihre Überweisung ist angekündigt"))
            #expect(announced.body.contains("DE89 3704 0044 0532 0130 00"))
            #expect(announced.body.contains("class=\"qr\""))
            let rf = try reference(in: announced.body)
            #expect(CreditorReference(rf) != nil)

            // The page shows the announcement with its status; the outbox holds the payment request.
            await receiver.waitForPages()
            let shown = try harness.page(of: "1004")
            #expect(shown.contains("Überweisung über 50,00\u{00A0}€, angekündigt am 18.11.2026"))
            #expect(shown.contains("Wartet auf Eingang"))
            #expect(shown.contains(rf))
            let mails = outbox(harness)
            try #require(mails.count == 1)
            let request = try ParsedMessage.parse(mails[0])
            #expect(request.subject == "Ihre Aufladung über 50,00\u{00A0}€: Bankverbindung und Verwendungszweck")
            #expect(request.to.first?.address == "jonas.weber@example.de" || request.to.first?.address.contains("@") == true)
            #expect(request.structure == "multipart/alternative(text/plain,multipart/related(text/html,image/png))")
            #expect(request.defects.isEmpty)
            let text = try #require(request.part("text/plain")?.text)
            #expect(text.contains("Verwendungszweck: \(rf)"))
            #expect(text.contains("IBAN: DE89 3704 0044 0532 0130 00"))
            let pageToken = try harness.pageToken(of: "1004")
            #expect(text.contains(base + "/c/" + pageToken + "/"))
            let html = try #require(request.part("text/html")?.text)
            #expect(html.contains("src=\"cid:girocode@customer-center\""))
            // The GiroCode in the email scans to the transfer: amount and reference in their fields.
            let png = try #require(request.part("image/png")?.bytes)
            let scanned = try QRDecoder.decode(png: png)
            let lines = scanned.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.prefix(4) == ["BCD", "002", "1", "SCT"])
            #expect(lines[7] == "EUR50.00")
            #expect(lines[9] == rf.replacingOccurrences(of: " ", with: ""))

            // Reloading the confirmation makes no second reference and no second email.
            let again = try await client.send("GET", "/topup?token=\(formToken)&amount=50,00")
            #expect(try reference(in: again.body) == rf)
            await receiver.waitForPages()
            #expect(outbox(harness).count == 1)

            // The merchant approves the 48,50 that arrived, typing the reference in lower case without spaces.
            let report = try await receiver.transfers.approve(reference: rf.lowercased().replacingOccurrences(of: " ", with: ""),
                                                            amount: "48,50", date: "2026-11-20")
            #expect(report.payment.amountMinor == 4_850)
            await receiver.waitForPages()
            let after = try harness.page(of: "1004")
            #expect(!after.contains("Wartet auf Eingang"))
            #expect(after.contains("+48,50\u{00A0}€"))
            // Both messages carry the test's fixed clock in their file names: pick the receipt by its kind.
            let parsed = try outbox(harness).map { try ParsedMessage.parse($0) }
            let receipt = try #require(parsed.first { $0.headers["x-customer-center-kind"] == "receipt" })
            #expect(receipt.subject == "Zahlungseingang: 48,50\u{00A0}€ gutgeschrieben")
            #expect(receipt.part("text/plain")?.text?.contains(
                "wir haben Ihre Überweisung über 48,50\u{00A0}€ am 20.11.2026 erhalten und Ihrem Konto „Ladekarte E-Auto“ gutgeschrieben.") == true)
            // The bank details of the request stand each on a line of their own and never wrap.
            #expect(html.contains("font-size:15px;white-space:nowrap\">DE89 3704 0044 0532 0130 00</p>"))

            // Twice is refused with a clear message, and books nothing.
            await #expect(throws: TransferActionError.self) {
                _ = try await receiver.transfers.approve(reference: rf, amount: nil, date: nil)
            }
            do {
                _ = try await receiver.transfers.approve(reference: rf, amount: "48,50", date: nil)
            } catch {
                #expect("\(error)".contains("already approved"))
            }
            #expect(try receiver.ledger.entries(customerID: "1004").count == 1)
        }
    }

    @Test(arguments: LedgerEngineKind.available) func badApprovalsNameTheProblemAndBookNothing(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        try await harness.withReceiver { receiver, _ async throws in
            let transfer = try await receiver.transfers.request(customerID: "1004", accountID: "1004-KARTE", amount: "20,00")
            let rf = try #require(transfer.creditorReference)
            // One digit changed: the check digits catch it.
            var digits = Array(rf.value)
            digits[6] = digits[6] == "1" ? "2" : "1"
            let typo = String(digits)
            let unknown = try #require(CreditorReference(base: "424242424242"))
            let cases: [(String, String?, String?, String)] = [
                (typo, nil, nil, "check digits do not match"),
                (unknown.printed, nil, nil, "never handed out"),
                ("hello", nil, nil, "not an RF reference"),
                (rf.printed, "0", nil, "more than zero"),
                (rf.printed, "-5,00", nil, "more than zero"),
                (rf.printed, "fünfzig", nil, "not an amount"),
                (rf.printed, "20,00", "30.11.2026", "YYYY-MM-DD"),
            ]
            for (reference, amount, date, message) in cases {
                do {
                    _ = try await receiver.transfers.approve(reference: reference, amount: amount, date: date)
                    Issue.record("approved \(reference) \(amount ?? "")")
                } catch {
                    #expect("\(error)".contains(message), "\(error)")
                }
            }
            #expect(try receiver.ledger.entries(customerID: "1004").isEmpty)
            // Rejected: not approvable afterwards, and the page says so.
            _ = try await receiver.transfers.reject(reference: rf.printed, reason: "never arrived")
            #expect(try harness.page(of: "1004").contains("Nicht angenommen"))
            do {
                _ = try await receiver.transfers.approve(reference: rf.printed, amount: "20,00", date: nil)
                Issue.record("approved a rejected transfer")
            } catch {
                #expect("\(error)".contains("rejected"))
            }
        }
    }

    @Test(arguments: LedgerEngineKind.available) func topUpRefusesInvoiceAccountsAndForgedTokens(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        try await harness.withPreviewReceiver { receiver, client, _ async throws in
            let settle = try await client.send("GET", "/topup?token=\(token(customer: "1001", account: "1001-STROM", purpose: .settle))&amount=50,00")
            #expect(settle.status == 422)
            var forged = Array(token())
            forged[forged.count - 3] = forged[forged.count - 3] == "A" ? "B" : "A"
            #expect(try await client.send("GET", "/topup?token=\(String(forged))&amount=50,00").status == 400)
            #expect(try await client.send("GET", "/topup?token=\(token())&amount=0").status == 422)
            #expect(try receiver.ledger.openTransfers(now: ReceiverHarness.now).isEmpty)
            #expect(outbox(harness).isEmpty)
        }
    }

    @Test(arguments: LedgerEngineKind.available) func aFailingOrHangingMailCommandIsRetriedAndNeverLost(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        harness.folder.write("#!/bin/sh\necho 'mail server down' >&2\nexit 75\n", to: "fail.sh")
        harness.folder.write("#!/bin/sh\nsleep 30\n", to: "hang.sh")
        harness.folder.write("#!/bin/sh\ncat > \"$(dirname \"$0\")/delivered.eml\"\n", to: "ok.sh")
        for script in ["fail.sh", "hang.sh", "ok.sh"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: harness.folder.file(script))
        }
        let config = harness.folder.read("content/config.toml")
        // The failing command gets time to fail on a busy machine; only the hanging one is timed out.
        for (script, attempt, timeout) in [("fail.sh", "exit status 75: mail server down", 20), ("hang.sh", "timed out after 1 s", 1)] {
            harness.folder.write(config.replacingOccurrences(of: "command = \"\"", with: "command = \"\(harness.folder.file(script))\"")
                .replacingOccurrences(of: "timeout_seconds = 30", with: "timeout_seconds = \(timeout)"), to: "content/config.toml")
            try await harness.withReceiver { receiver, _ async throws in
                let started = Date()
                _ = try await receiver.transfers.request(customerID: "1004", accountID: "1004-KARTE", amount: script == "fail.sh" ? "10,00" : "11,00")
                await receiver.mailer.idle()
                #expect(Date().timeIntervalSince(started) < 25)
                let queued = try receiver.ledger.emails().filter { $0.status == .queued }
                #expect(queued.count >= 1)
                #expect(queued.last?.lastError?.contains(attempt) == true, "\(queued.last?.lastError ?? "")")
            }
        }
        // With a working command, a retry delivers everything that waited; nothing is lost.
        harness.folder.write(config.replacingOccurrences(of: "command = \"\"", with: "command = \"\(harness.folder.file("ok.sh"))\""),
                             to: "content/config.toml")
        try await harness.withReceiver { receiver, _ async throws in
            let result = try await receiver.mailer.retryAll()
            #expect(result.sent == 2)
            #expect(try receiver.ledger.emails().isEmpty)
            #expect(try receiver.ledger.emails(all: true).map(\.attempts) == [2, 2])
            let delivered = try ParsedMessage.parse(Array(try Data(contentsOf: URL(fileURLWithPath: harness.folder.file("delivered.eml")))))
            #expect(delivered.subject?.contains("11,00") == true)
        }
    }
}
