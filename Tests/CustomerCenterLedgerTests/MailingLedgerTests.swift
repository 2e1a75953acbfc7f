import CustomerCenterLedger
import CustomerCenterLedgerPostgres
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

/// Mailings in the ledger: a message is queued in the transaction that records what it is for, a link
/// version once, an invoice's reminder once per interval; and claims of a process that ended are taken
/// over at once.
struct MailingLedgerCase {
    let folder = TemporaryFolder("ledger-mailings")
    let testLedger: TestLedger
    var ledger: any LedgerStore { testLedger.store }

    init(_ engine: LedgerEngineKind) throws {
        testLedger = try TestLedger(engine, folder: folder.path)
    }

    func email(_ customer: String, kind: OutgoingEmail.Kind = .personalLink, id: String? = nil, at time: Int = 1_000) -> OutgoingEmail {
        OutgoingEmail(messageID: id ?? "<\(UUID().uuidString)@example.de>", kind: kind, customerID: customer,
                      recipient: "\(customer)@example.de", subject: "s", message: Array("m".utf8), createdAt: time)
    }

    func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    func aLinkVersionIsQueuedOnceWhateverTheBatches() throws {
        let first = try ledger.enqueue([(email("1001"), .personalLink(customerID: "1001", linkVersion: 1)),
                                        (email("1002"), .personalLink(customerID: "1002", linkVersion: 1)),
                                        (email("1001"), .personalLink(customerID: "1001", linkVersion: 1))])
        #expect(first.map { $0 != nil } == [true, true, false])
        // A rerun: nothing again; a rotated link is a new version.
        let again = try ledger.enqueue([(email("1001"), .personalLink(customerID: "1001", linkVersion: 1)),
                                        (email("1001"), .personalLink(customerID: "1001", linkVersion: 2))])
        #expect(again.map { $0 != nil } == [false, true])
        #expect(try ledger.emails().count == 3)
        #expect(try ledger.mailedLinkVersions(customerIDs: ["1001", "1002", "1003"]) == ["1001": [1, 2], "1002": [1]])
    }

    func nothingOfABatchIsQueuedOrRecordedWhenOneMessageCannotBeStored() throws {
        _ = try ledger.enqueueEmail(email("1009", kind: .receipt, id: "<taken@example.de>"))
        #expect(throws: LedgerError.self) {
            try ledger.enqueue([(email("1001"), .personalLink(customerID: "1001", linkVersion: 1)),
                                (email("1002", id: "<taken@example.de>"), .personalLink(customerID: "1002", linkVersion: 1))])
        }
        #expect(try ledger.emails().map(\.customerID) == ["1009"])
        #expect(try ledger.mailedLinkVersions(customerIDs: ["1001", "1002"]).isEmpty)
        // The same batch without the clash goes through whole.
        let retried = try ledger.enqueue([(email("1001"), .personalLink(customerID: "1001", linkVersion: 1)),
                                          (email("1002"), .personalLink(customerID: "1002", linkVersion: 1))])
        #expect(retried.allSatisfy { $0 != nil })
    }

    func anInvoiceIsRemindedAtMostOncePerInterval() throws {
        let strom = RemindedInvoice(accountID: "1001-STROM", number: "RE-1")
        let gas = RemindedInvoice(accountID: "1001-GAS", number: "RE-2")
        func remind(_ invoices: [RemindedInvoice], on text: String) throws -> Bool {
            try ledger.enqueue([(email("1001", kind: .reminder), .reminder(customerID: "1001", invoices: invoices, day: day(text), intervalDays: 14))])
                .first! != nil
        }
        #expect(try remind([strom], on: "2026-11-29"))
        #expect(try !remind([strom], on: "2026-11-29"))
        #expect(try !remind([strom, gas], on: "2026-12-12"), "13 days later: one of them is too recent, so the message is not queued")
        #expect(try remind([gas], on: "2026-12-12"))
        #expect(try remind([strom], on: "2026-12-13"), "14 days later")
        // A reminder recorded on a later day holds back an earlier one too.
        #expect(try !remind([gas], on: "2026-12-01"))
        #expect(try ledger.lastReminded(customerIDs: ["1001"]) == [strom: day("2026-12-13"), gas: day("2026-12-12")])
        #expect(try ledger.emails().count == 3)
    }

    func claimsOfAProcessThatEndedAreTakenOverAtOnceOthersWaitForTheirLease() throws {
        for customer in ["1001", "1002", "1003"] { _ = try ledger.enqueueEmail(email(customer)) }
        let gone = "host/4242/1"
        let alive = "host/4243/1"
        let claimed = try ledger.claimDueEmails(now: 2_000, lease: 1_200, claimer: gone, hasEnded: { _ in false })
        #expect(claimed.count == 3)
        // Within the lease: a live claimer's messages stay with it.
        #expect(try ledger.claimDueEmails(now: 2_010, lease: 1_200, claimer: alive, hasEnded: { _ in false }).isEmpty)
        // The claimer ended (killed mid-mailing): its messages are claimed again now, not in 20 minutes.
        let taken = try ledger.claimDueEmails(now: 2_020, lease: 1_200, claimer: alive, hasEnded: { $0 == gone })
        #expect(taken.map(\.customerID) == ["1001", "1002", "1003"])
        // And now they are the live claimer's: nobody else takes them.
        #expect(try ledger.claimDueEmails(now: 2_030, lease: 1_200, claimer: "host/4244/1", hasEnded: { $0 == gone }).isEmpty)
        // A recorded attempt ends the claim; a failed one waits for its retry time, not for the claimer.
        try ledger.recordEmailAttempt(id: taken[0].id!, delivered: "written", error: nil, retryAt: nil, at: 2_040)
        try ledger.recordEmailAttempt(id: taken[1].id!, delivered: nil, error: "down", retryAt: 2_100, at: 2_040)
        #expect(try ledger.claimDueEmails(now: 2_050, lease: 60, claimer: "host/4244/1", hasEnded: { _ in true }).map(\.customerID) == ["1003"])
        #expect(try ledger.claimDueEmails(now: 2_100, lease: 60, claimer: "host/4244/1", hasEnded: { _ in false }).map(\.customerID) == ["1002"])
    }
}

/// Every test of `MailingLedgerCase` on every engine, each on a fresh ledger.
@Suite struct MailingLedgerTests {
    @Test(arguments: LedgerEngineKind.available) func aLinkVersionIsQueuedOnceWhateverTheBatches(_ engine: LedgerEngineKind) throws {
        let test = try MailingLedgerCase(engine)
        defer { test.testLedger.drop() }
        try test.aLinkVersionIsQueuedOnceWhateverTheBatches()
    }

    @Test(arguments: LedgerEngineKind.available) func nothingOfABatchIsQueuedOrRecordedWhenOneMessageCannotBeStored(_ engine: LedgerEngineKind) throws {
        let test = try MailingLedgerCase(engine)
        defer { test.testLedger.drop() }
        try test.nothingOfABatchIsQueuedOrRecordedWhenOneMessageCannotBeStored()
    }

    @Test(arguments: LedgerEngineKind.available) func anInvoiceIsRemindedAtMostOncePerInterval(_ engine: LedgerEngineKind) throws {
        let test = try MailingLedgerCase(engine)
        defer { test.testLedger.drop() }
        try test.anInvoiceIsRemindedAtMostOncePerInterval()
    }

    @Test(arguments: LedgerEngineKind.available) func claimsOfAProcessThatEndedAreTakenOverAtOnceOthersWaitForTheirLease(_ engine: LedgerEngineKind) throws {
        let test = try MailingLedgerCase(engine)
        defer { test.testLedger.drop() }
        try test.claimsOfAProcessThatEndedAreTakenOverAtOnceOthersWaitForTheirLease()
    }
}
