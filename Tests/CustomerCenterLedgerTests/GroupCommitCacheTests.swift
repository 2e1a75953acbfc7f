import CustomerCenterLedger
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

/// Group commits keep each account's booked payments between transactions. Whatever else writes
/// the ledger, another process or another command of this one, the next booking must allocate as
/// if it had read everything again.
@Suite struct GroupCommitCacheTests {
    let folder = TemporaryFolder("ledger-group-commit")
    let dateOf: @Sendable (Int) -> CalendarDate = { CalendarDate(daysSinceEpoch: $0 / 86_400) }
    let account = Account(id: "1001-STROM", kind: .invoice, currency: .eur, invoices: [
        Invoice(number: "R1", issued: CalendarDate(iso: "2026-09-01")!, due: CalendarDate(iso: "2026-09-15")!,
                amount: Money(minorUnits: 10_000, currency: .eur)),
    ])

    func request(_ id: String, cents: Int, account: Account? = nil) -> BookingRequest {
        let account = account ?? self.account
        return BookingRequest(
            event: PaymentEvent(provider: "sandbox", eventID: id, kind: .payment, paymentID: "pay_" + id, refundID: nil,
                                amount: Money(minorUnits: cents, currency: .eur), occurredAt: 1_795_000_000,
                                customerID: "1001", accountID: "1001-STROM", invoiceNumber: nil, method: .paypal),
            target: .account(customerID: "1001", account: account), receivedAt: 1_795_000_100)
    }

    func allocations(_ ledger: any LedgerStore, of id: String) throws -> [String] {
        let row = try #require(try ledger.entries(customerID: "1001").first { $0.sourceEvent == id }?.id)
        return try ledger.allocations(paymentRowID: row).map { "\($0.invoiceNumber ?? "credit") \($0.amountMinor)" }
    }

    @Test(arguments: LedgerEngineKind.available) func aBookingByAnotherConnectionIsSeen(_ engine: LedgerEngineKind) throws {
        let test = try TestLedger(engine, folder: folder.path)
        defer { test.drop() }
        let receiver = test.store
        let other = try test.reopen()  // another process, e.g. a command run while serving (or another receiver)
        #expect(try receiver.book([request("a", cents: 6_000)], dateOf: dateOf) == [.success(.booked(customerID: "1001"))])
        #expect(try other.book([request("b", cents: 3_000)], dateOf: dateOf) == [.success(.booked(customerID: "1001"))])
        #expect(try receiver.book([request("c", cents: 2_000)], dateOf: dateOf) == [.success(.booked(customerID: "1001"))])
        // 6,000 + 3,000 were booked before: 1,000 settles R1, 1,000 becomes credit.
        #expect(try allocations(receiver, of: "c") == ["R1 1000", "credit 1000"])
    }

    @Test(arguments: LedgerEngineKind.available) func anotherWriteOfThisProcessIsSeen(_ engine: LedgerEngineKind) throws {
        let test = try TestLedger(engine, folder: folder.path)
        defer { test.drop() }
        let ledger = test.store
        #expect(try ledger.book([request("a", cents: 6_000)], dateOf: dateOf) == [.success(.booked(customerID: "1001"))])
        // A single booking (as transfer approvals and `assign` write) outside the group commit.
        let single = request("b", cents: 3_000)
        #expect(try ledger.book(single.event, target: single.target, receivedAt: single.receivedAt, dateOf: dateOf) == .booked(customerID: "1001"))
        #expect(try ledger.book([request("c", cents: 2_000)], dateOf: dateOf) == [.success(.booked(customerID: "1001"))])
        #expect(try allocations(ledger, of: "c") == ["R1 1000", "credit 1000"])
    }

    @Test(arguments: LedgerEngineKind.available) func bookingsInOneGroupSeeEachOther(_ engine: LedgerEngineKind) throws {
        let test = try TestLedger(engine, folder: folder.path)
        defer { test.drop() }
        let ledger = test.store
        let outcomes = try ledger.book([request("a", cents: 6_000), request("b", cents: 3_000), request("c", cents: 2_000),
                                        request("a", cents: 6_000)], dateOf: dateOf)
        #expect(outcomes == [.success(.booked(customerID: "1001")), .success(.booked(customerID: "1001")), .success(.booked(customerID: "1001")), .success(.duplicateEvent)])
        #expect(try allocations(ledger, of: "c") == ["R1 1000", "credit 1000"])
        #expect(try ledger.book([request("d", cents: 500)], dateOf: dateOf) == [.success(.booked(customerID: "1001"))])
        #expect(try allocations(ledger, of: "d") == ["credit 500"])
    }

    /// What a booking settles is kept for the next booking to the account, but only for the same
    /// account: the merchant corrected R1 from 100.00 to 60.00 between two bookings, so the 60.00 paid
    /// before already settles it with 40.00 credit, and the next payment is credit alone (from a
    /// settlement kept for the old invoice, R1 would have been "reopened" by -40.00).
    @Test(arguments: LedgerEngineKind.available) func anAccountChangedInTheContentIsSettledAgain(_ engine: LedgerEngineKind) throws {
        let test = try TestLedger(engine, folder: folder.path)
        defer { test.drop() }
        let ledger = test.store
        #expect(try ledger.book([request("a", cents: 10_000)], dateOf: dateOf) == [.success(.booked(customerID: "1001"))])
        #expect(try allocations(ledger, of: "a") == ["R1 10000"])
        var corrected = account
        corrected.invoices[0].amount = Money(minorUnits: 6_000, currency: .eur)
        #expect(try ledger.book([request("b", cents: 500, account: corrected)], dateOf: dateOf) == [.success(.booked(customerID: "1001"))])
        #expect(try allocations(ledger, of: "b") == ["credit 500"])
        #expect(try ledger.book([request("c", cents: 700, account: corrected)], dateOf: dateOf) == [.success(.booked(customerID: "1001"))])
        #expect(try allocations(ledger, of: "c") == ["credit 700"])
    }
}
