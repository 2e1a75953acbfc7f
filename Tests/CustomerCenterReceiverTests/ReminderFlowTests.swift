import CustomerCenterApplication
import CustomerCenterLedger
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterReceiver
import CustomerCenterTestSupport
import Foundation
import Testing

/// Reminders with the ledger's money: a payment booked by a provider's callback settles what it paid
/// and is never reminded, and the reminder's clock is the workspace's (fixed here).
@Suite struct ReminderFlowTests {
    func outbox(_ harness: ReceiverHarness) throws -> [ParsedMessage] {
        let files = harness.folder.files(under: ".customer-center/outbox").filter { $0.hasSuffix(".eml") }
            .map { harness.folder.file(".customer-center/outbox/" + $0) }
        return try ParsedMessage.parse(files: files)
    }

    @Test(arguments: LedgerEngineKind.available) func aPaymentBookedByCallbackIsNotRemindedAndTheRestIsOnce(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        try await harness.withReceiver { receiver, client async throws in
            // 1001 pays the September invoice's rest online: only October stays overdue on 18.11.2026.
            let body = ReceiverHarness.sandboxEvent(id: "evt_rest", payment: "pay_rest", amount: "44.20", invoice: "RE-2026-0915")
            #expect(try await client.sandbox(body).status == 200)
            await receiver.waitForPages()
            let workspace = receiver.workspace
            let reminders = try OverdueReminders(workspace: workspace, mailer: receiver.mailer)
            let report = try await reminders.send(overdueDays: 1)
            // 1001: October; 1002: RE-2026-2001 (2480,00 less 1000,00 paid).
            #expect(report.queued == 2)
            #expect(report.invoices == 2)
            #expect(report.skipped.isEmpty)
            #expect(report.undelivered == 0)
            let messages = try outbox(harness)
            let weiss = try #require(messages.first { $0.to.first?.address == "juergen.weiss@example.de" })
            let text = try #require(weiss.part("text/plain")?.text)
            #expect(text.contains("Diese Rechnung ist fällig und noch offen (Stand 18.11.2026):"))
            #expect(text.contains("RE-2026-1015"))
            #expect(!text.contains("RE-2026-0915"), "paid by the callback")
            #expect(weiss.subject == "Zahlungserinnerung: 84,20\u{00A0}€ überfällig")
            let mueller = try #require(messages.first { $0.to.first?.address == "buchhaltung@mueller-soehne.example" })
            #expect(mueller.part("text/plain")?.text?.contains("Offen: 1.480,00\u{00A0}€ (Betrag 2.480,00\u{00A0}€)") == true)
            // Recorded with the day of the workspace's clock.
            let last = try receiver.ledger.lastReminded(customerIDs: ["1001", "1002"])
            #expect(last[RemindedInvoice(accountID: "1001-STROM", number: "RE-2026-1015")] == CalendarDate(iso: "2026-11-18"))
            // Again: nothing.
            let again = try await reminders.send(overdueDays: 1)
            #expect(again.queued == 0)
            #expect(again.alreadySent == 2)
            #expect(try outbox(harness).count == 2)
        }
    }
}
