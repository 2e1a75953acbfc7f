@testable import CustomerCenterLedger
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import GRDB
import Testing

/// A refund counts once whatever shape its events have (one refund by id, a list, only the running
/// total) and in whatever order they arrive. The story of issue 11: 50.00 paid, refunded at Stripe
/// in two parts (re_1 3.00, then re_2 15.00), 18.00 in all, reported by events of two API versions.
@Suite struct RefundShapeTests {
    let dateOf: @Sendable (Int) -> CalendarDate = { CalendarDate(daysSinceEpoch: $0 / 86_400) }
    let account = Account(id: "1001-STROM", kind: .invoice, currency: .eur, invoices: [
        Invoice(number: "R1", issued: CalendarDate(iso: "2026-09-01")!, due: CalendarDate(iso: "2026-09-15")!,
                amount: Money(minorUnits: 10_000, currency: .eur)),
    ])

    func eur(_ cents: Int) -> Money { Money(minorUnits: cents, currency: .eur) }

    func payment(_ id: String = "evt_pay") -> PaymentEvent {
        PaymentEvent(provider: "stripe", eventID: id, kind: .payment, paymentID: "pi_1", amount: eur(5_000),
                     occurredAt: 1_795_000_000, customerID: "1001", accountID: "1001-STROM", method: .card)
    }

    /// A `charge.refunded` as parsed: the refunds it lists (oldest first) and the running total it states.
    func refund(_ id: String, refunds: [(String, Int)] = [], total: Int? = nil) -> PaymentEvent {
        var event = PaymentEvent(provider: "stripe", eventID: id, kind: .refund, paymentID: "pi_1",
                                 amount: eur(total ?? refunds.reduce(0) { $0 + $1.1 }),
                                 occurredAt: 1_795_000_100, customerID: nil, accountID: nil, method: .card)
        event.refunds = refunds.map { PaymentEvent.Refund(id: $0.0, amount: eur($0.1)) }
        event.refundedTotal = total.map(eur)
        return event
    }

    // Newer API versions: only the running total, after each refund.
    var totalAfterFirst: PaymentEvent { refund("evt_total_300", total: 300) }
    var totalAfterSecond: PaymentEvent { refund("evt_total_1800", total: 1_800) }
    // Older API versions: the charge's refunds listed, and its amount_refunded.
    var listAfterFirst: PaymentEvent { refund("evt_list_1", refunds: [("re_1", 300)], total: 300) }
    var listAfterSecond: PaymentEvent { refund("evt_list_2", refunds: [("re_1", 300), ("re_2", 1_500)], total: 1_800) }
    // A provider that names each refund and states no total (the sandbox format).
    var onlyFirst: PaymentEvent { refund("evt_only_1", refunds: [("re_1", 300)]) }
    var onlySecond: PaymentEvent { refund("evt_only_2", refunds: [("re_2", 1_500)]) }

    /// Runs `body` on a new, empty ledger of `engine`.
    func withFreshLedger(_ engine: LedgerEngineKind, _ body: (any LedgerStore) throws -> Void) throws {
        let folder = TemporaryFolder("refund-shapes")
        let ledger = try TestLedger(engine, folder: folder.path)
        defer { ledger.drop() }
        try withExtendedLifetime(folder) { try body(ledger.store) }
    }

    func book(_ event: PaymentEvent, _ ledger: any LedgerStore) throws -> BookingOutcome {
        try ledger.book(event, target: .account(customerID: "1001", account: account), receivedAt: 1_795_000_200, dateOf: dateOf)
    }

    func refunded(_ ledger: any LedgerStore, payment: String = "pi_1") throws -> Int {
        try ledger.entries(customerID: "1001").filter { $0.kind == .refund && $0.providerPaymentID == payment }
            .reduce(0) { $0 + $1.amountMinor }
    }

    /// `event` about payment `pi_<n>` instead, with its own event id: one ledger holds every order.
    func about(_ n: Int, _ event: PaymentEvent) -> PaymentEvent {
        var renamed = event
        renamed.paymentID = "pi_\(n)"
        renamed.eventID += "-\(n)"
        return renamed
    }

    func open(_ ledger: any LedgerStore) throws -> Int {
        AccountStatement(account: account.including(try ledger.recordedPayments(customerID: "1001", dateOf: dateOf)),
                         asOf: CalendarDate(iso: "2026-11-29")!).totalOpen.minorUnits
    }

    static func orders<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index -> [[T]] in
            var rest = items
            let first = rest.remove(at: index)
            return orders(rest).map { [first] + $0 }
        }
    }

    @Test(arguments: LedgerEngineKind.available) func theIssuesSequenceCountsEighteenNotTwentyOne(_ engine: LedgerEngineKind) throws {
        // Booked before: total 3.00, then total 18.00; then Stripe retries the older event for re_1.
        try withFreshLedger(engine) { ledger throws in
            _ = try book(payment(), ledger)
            #expect(try book(totalAfterFirst, ledger) == .booked(customerID: "1001"))
            #expect(try book(totalAfterSecond, ledger) == .booked(customerID: "1001"))
            #expect(try book(refund("evt_old_re_1", refunds: [("re_1", 300)]), ledger) == .duplicatePayment)
            #expect(try refunded(ledger) == 1_800)
            #expect(try ledger.events().last?.detail == "refund already counted in what was booked for payment pi_1")
            #expect(try open(ledger) == 10_000 - 5_000 + 1_800)
        }
    }

    @Test(arguments: LedgerEngineKind.available) func everyOrderOfTotalsAndListsCountsEachRefundOnce(_ engine: LedgerEngineKind) throws {
        try withFreshLedger(engine) { ledger throws in
            for (n, order) in Self.orders([totalAfterFirst, totalAfterSecond, listAfterFirst, listAfterSecond]).enumerated() {
                _ = try book(about(n, payment()), ledger)
                for event in order { _ = try book(about(n, event), ledger) }
                #expect(try refunded(ledger, payment: "pi_\(n)") == 1_800, "order \(order.map(\.eventID))")
            }
        }
    }

    @Test(arguments: LedgerEngineKind.available) func everyOrderOfTotalsAndSingleRefundsCountsEachRefundOnce(_ engine: LedgerEngineKind) throws {
        try withFreshLedger(engine) { ledger throws in
            for (n, order) in Self.orders([totalAfterFirst, totalAfterSecond, onlyFirst, onlySecond]).enumerated() {
                _ = try book(about(n, payment()), ledger)
                for event in order { _ = try book(about(n, event), ledger) }
                #expect(try refunded(ledger, payment: "pi_\(n)") == 1_800, "order \(order.map(\.eventID))")
            }
        }
    }

    @Test(arguments: LedgerEngineKind.available) func aListOfSeveralNewRefundsBooksEachUnderItsOwnID(_ engine: LedgerEngineKind) throws {
        try withFreshLedger(engine) { ledger throws in
            _ = try book(payment(), ledger)
            #expect(try book(listAfterSecond, ledger) == .booked(customerID: "1001"))
            let refunds = try ledger.entries(customerID: "1001").filter { $0.kind == .refund }
            #expect(refunds.map(\.refundID) == ["re_1", "re_2"])
            #expect(refunds.map(\.amountMinor) == [300, 1_500])
            // 50.00 settled half of R1; each refund reopened its part.
            for row in refunds {
                #expect(try ledger.allocations(paymentRowID: try #require(row.id)).map(\.amountMinor) == [-row.amountMinor])
            }
            #expect(try book(listAfterFirst, ledger) == .duplicatePayment)
            #expect(try book(totalAfterSecond, ledger) == .duplicatePayment)
        }
    }

    @Test(arguments: LedgerEngineKind.available) func repeatsAndSmallerTotalsBookNothingAndNeverANegativeAmount(_ engine: LedgerEngineKind) throws {
        try withFreshLedger(engine) { ledger throws in
            _ = try book(payment(), ledger)
            #expect(try book(listAfterSecond, ledger) == .booked(customerID: "1001"))
            #expect(try book(listAfterSecond, ledger) == .duplicateEvent)
            #expect(try book(refund("evt_again", refunds: [("re_2", 1_500), ("re_1", 300)]), ledger) == .duplicatePayment)
            #expect(try ledger.events().last?.detail == "refund already booked")
            // A total below what is booked (an event from before the second refund) takes nothing back.
            #expect(try book(totalAfterFirst, ledger) == .duplicatePayment)
            #expect(try ledger.entries(customerID: "1001").allSatisfy { $0.amountMinor > 0 })
            #expect(try refunded(ledger) == 1_800)
            // A third refund, known only by the next total, books what is new.
            #expect(try book(refund("evt_total_2000", total: 2_000), ledger) == .booked(customerID: "1001"))
            #expect(try ledger.entries(customerID: "1001").last.map { [$0.refundID, String($0.amountMinor)] } == ["total-2000", "200"])
        }
    }

    @Test(arguments: LedgerEngineKind.available) func aListMissingARefundIsMadeUpByTheNextTotal(_ engine: LedgerEngineKind) throws {
        // Stripe lists at most 10 refunds on a charge: a list can be short of the total.
        try withFreshLedger(engine) { ledger throws in
            _ = try book(payment(), ledger)
            _ = try book(onlySecond, ledger)
            #expect(try refunded(ledger) == 1_500)
            _ = try book(totalAfterSecond, ledger)
            #expect(try refunded(ledger) == 1_800)
            #expect(try book(onlyFirst, ledger) == .duplicatePayment)
            #expect(try refunded(ledger) == 1_800)
        }
    }

    @Test(arguments: LedgerEngineKind.available) func refundsBeforeTheirPaymentWaitAndFollowItOnce(_ engine: LedgerEngineKind) throws {
        try withFreshLedger(engine) { ledger throws in
            #expect(try book(totalAfterSecond, ledger) == .waitingForPayment)
            #expect(try book(listAfterFirst, ledger) == .duplicatePayment)
            #expect(try ledger.entries(customerID: "1001").map(\.status) == [.waiting])
            #expect(try open(ledger) == 10_000)
            #expect(try book(payment(), ledger) == .booked(customerID: "1001"))
            #expect(try ledger.entries(customerID: "1001").map(\.status) == [.booked, .booked])
            #expect(try open(ledger) == 10_000 - 5_000 + 1_800)
            #expect(try book(listAfterSecond, ledger) == .duplicatePayment)
            #expect(try refunded(ledger) == 1_800)
        }
    }

    @Test func refundsBookedBeforeTheMigrationAreKnownAfterIt() throws {
        // A ledger of the previous version: 18.00 refunded as a running total, then reopened.
        let folder = TemporaryFolder("refund-migration")
        let path = folder.file("ledger.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try Ledger.migrator.migrate(queue, upTo: "v6 GiroCodes by reference")
            try queue.write { db in
                for (kind, refundID, amount, event) in [("payment", "", 5_000, "evt_pay"), ("refund", "re_1", 300, "evt_list_1"),
                                                        ("refund", "total-1800", 1_500, "evt_total_1800")] {
                    try db.execute(sql: """
                        INSERT INTO payment (provider, providerPaymentID, kind, refundID, status, customerID, accountID, purpose,
                                             method, amountMinor, currency, occurredAt, bookedAt, sourceEvent)
                        VALUES ('stripe', 'pi_1', ?, ?, 'booked', '1001', '1001-STROM', 'settle', 'card', ?, 'EUR', 1795000000, 1795000000, ?)
                        """, arguments: [kind, refundID, amount, event])
                }
            }
        }
        let ledger = try Ledger(path: path)
        // The retried list after the second refund, and an old total, add nothing.
        #expect(try book(listAfterSecond, ledger) == .duplicatePayment)
        #expect(try book(totalAfterFirst, ledger) == .duplicatePayment)
        #expect(try refunded(ledger) == 1_800)
    }
}
