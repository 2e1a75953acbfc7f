import CustomerCenterApplication
import CustomerCenterLedger
import CustomerCenterLogging
import CustomerCenterSigning
import Foundation
import GRDB
import Logging
import Synchronization
import Testing

/// When the ledger fails, nothing is swallowed: the callback is a 503 with the ledger's reason in the
/// log, and a pay link is refused with the try-again page instead of bounds that ignore booked money.
/// The failure is real: another connection renames a table under the running receiver.
@Suite struct LedgerFailureTests {
    static func breakLedger(_ harness: ReceiverHarness, table: String) throws {
        let queue = try DatabaseQueue(path: harness.folder.file(".customer-center/ledger.sqlite"))
        try queue.writeWithoutTransaction { db in try db.execute(sql: "ALTER TABLE \(table) RENAME TO \(table)_gone") }
    }

    @Test func aFailedBookingIsA503WhoseLogLineSaysWhy() async throws {
        let harness = try await ReceiverHarness()
        let lines = Mutex<[String]>([])
        let logger = Logger(label: "customer-center") { LogLineHandler(label: $0, sink: .lines { line in lines.withLock { $0.append(line) } }) }
        try await harness.withReceiver(logger: logger) { _, client async throws in
            try Self.breakLedger(harness, table: "event")
            let body = ReceiverHarness.sandboxEvent(id: "evt_fail", payment: "pay_fail", amount: "1.00")
            #expect(try await client.sandbox(body) == .init(status: 503, body: "try again later"))
        }
        let failed = try #require(lines.withLock { $0 }.first { $0.contains("booking failed") })
        #expect(failed.contains("event=evt_fail") && failed.contains("status=503"))
        #expect(failed.contains("reason=\"book event sandbox/evt_fail:") && failed.contains("no such table: event"), "\(failed)")
    }

    @Test func payBoundsWithoutTheLedgerRefuseWithTheTryAgainPage() async throws {
        let harness = try await ReceiverHarness()
        try await harness.withPreviewReceiver { _, client, _ async throws in
            let token = PayToken(customerID: "1002", accountID: "1002-GEWERBE", invoiceNumber: nil, purpose: .settle, currency: "EUR",
                                 linkVersion: 1, expiresAt: ReceiverHarness.now + 86_400)
                .signed(with: try PayLinkKey("DEMO-ONLY-pay-link-secret-public-do-not-use-012345"))!
            try Self.breakLedger(harness, table: "payment")
            let reply = try await client.sendFull("GET", "/pay?token=\(token)&amount=10,00&method=paypal")
            #expect(reply.reply.status == 503)
            #expect(reply.location == nil)
            #expect(reply.reply.body.contains("Ihre Zahlung konnte gerade nicht vorbereitet werden. Es wurde nichts abgebucht."))
        }
    }
}

/// A statement credit whose RF reference is known but whose customer file does not load stops the
/// import with the file's error; nothing is recorded, so fixing the file and importing again matches it.
@Suite struct StatementWithBrokenCustomerTests {
    @Test func aKnownReferenceOfACustomerWhoseFileDoesNotLoadStopsTheImport() async throws {
        let harness = try await ReceiverHarness()
        try await harness.withReceiver { receiver, _ async throws in
            let transfer = try await receiver.transfers.request(customerID: "1004", accountID: "1004-KARTE", amount: "20,00")
            harness.folder.write("""
                booking_date;value_date;amount;currency;payer_name;payer_iban;reference;remittance;bank_reference
                27.11.2026;27.11.2026;20,00;EUR;Jonas Weber;DE02120300000000202051;\(transfer.reference);;CSV-1

                """, to: "statement.csv")
            let good = harness.folder.read("content/customers/1004.json")
            harness.folder.write("{\"id\": \"1004\",", to: "content/customers/1004.json")
            do {
                _ = try await StatementImport(workspace: receiver.workspace, transfers: receiver.transfers, pages: receiver.pages).run(path: harness.folder.file("statement.csv"), approveMatched: true)
                Issue.record("the import went on with a customer file that does not load")
            } catch {
                #expect("\(error)".contains("1004.json"), "\(error)")
                #expect("\(error)".contains("nothing was imported"), "\(error)")
            }
            #expect(try receiver.ledger.unmatched().isEmpty)
            harness.folder.write(good, to: "content/customers/1004.json")
            let report = try await StatementImport(workspace: receiver.workspace, transfers: receiver.transfers, pages: receiver.pages).run(path: harness.folder.file("statement.csv"), approveMatched: true)
            #expect(report.credits.map(\.outcome) == [.approved])
        }
    }
}

/// The mail queue when the ledger fails: a sent message whose outcome could not be written is never
/// sent again, and a retry that cannot requeue says so instead of "delivered 0".
@Suite struct MailQueueFailureTests {
    @Test func aSentMessageWhoseOutcomeCouldNotBeRecordedIsNotSentAgain() async throws {
        let harness = try await ReceiverHarness()
        let ledger = harness.folder.file(".customer-center/ledger.sqlite")
        // Delivers (one line per delivery), then breaks the ledger under the receiver, as a failing
        // disk or a locked database would at that moment.
        harness.folder.write("""
            #!/bin/sh
            cat > /dev/null
            echo delivered >> "$(dirname "$0")/deliveries.log"
            python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("ALTER TABLE outgoingEmail RENAME TO outgoingEmail_gone"); c.commit()' "\(ledger)"

            """, to: "deliver.sh")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: harness.folder.file("deliver.sh"))
        harness.folder.write(harness.folder.read("content/config.toml")
            .replacingOccurrences(of: "command = \"\"", with: "command = \"\(harness.folder.file("deliver.sh"))\""), to: "content/config.toml")
        try await harness.withReceiver { receiver, _ async throws in
            _ = try await receiver.transfers.request(customerID: "1004", accountID: "1004-KARTE", amount: "20,00")
            await receiver.mailer.idle()
            #expect(harness.folder.read("deliveries.log") == "delivered\n")
            // The ledger is back; a retry writes the kept outcome and sends nothing again.
            let queue = try DatabaseQueue(path: ledger)
            try await queue.writeWithoutTransaction { db in try db.execute(sql: "ALTER TABLE outgoingEmail_gone RENAME TO outgoingEmail") }
            harness.folder.write("#!/bin/sh\ncat > /dev/null\necho delivered >> \"$(dirname \"$0\")/deliveries.log\"\n", to: "deliver.sh")
            let retried = try await receiver.mailer.retryAll()
            #expect(retried.sent == 0)
            #expect(harness.folder.read("deliveries.log") == "delivered\n")
            let sent = try receiver.ledger.emails(all: true)
            #expect(sent.map(\.status) == [.sent])
        }
    }

    @Test func aRetryThatCannotRequeueThrowsInsteadOfReportingNothingSent() async throws {
        let harness = try await ReceiverHarness()
        try await harness.withReceiver { receiver, _ async throws in
            try LedgerFailureTests.breakLedger(harness, table: "outgoingEmail")
            do {
                _ = try await receiver.mailer.retryAll()
                Issue.record("the retry reported success")
            } catch let error as LedgerError {
                #expect(error.action == "requeue undelivered emails")
                #expect(error.reason.contains("no such table: outgoingEmail"))
            }
        }
    }
}
