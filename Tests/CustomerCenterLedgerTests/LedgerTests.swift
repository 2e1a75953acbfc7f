import CustomerCenterLedger
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

/// One test's ledger and helpers, on one engine (`LedgerTests` runs each test on every engine).
struct LedgerCase {
    let folder = TemporaryFolder("ledger")
    let testLedger: TestLedger
    let ledger: any LedgerStore
    let eur = Currency.eur
    let dateOf: @Sendable (Int) -> CalendarDate = { CalendarDate(daysSinceEpoch: $0 / 86_400) }
    let account: Account

    init(_ engine: LedgerEngineKind) throws {
        testLedger = try TestLedger(engine, folder: folder.path)
        ledger = testLedger.store
        func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }
        account = Account(id: "1001-STROM", kind: .invoice, currency: .eur, invoices: [
            Invoice(number: "R1", issued: day("2026-09-01"), due: day("2026-09-15"), amount: Money(minorUnits: 10_000, currency: .eur)),
            Invoice(number: "R2", issued: day("2026-10-01"), due: day("2026-10-15"), amount: Money(minorUnits: 5_000, currency: .eur)),
        ])
    }

    func event(_ id: String, payment: String, cents: Int, kind: PaymentEvent.Kind = .payment, refund: String? = nil,
               invoice: String? = nil, currency: Currency = .eur) -> PaymentEvent {
        PaymentEvent(provider: "sandbox", eventID: id, kind: kind, paymentID: payment, refundID: refund,
                     amount: Money(minorUnits: cents, currency: currency), occurredAt: 1_795_000_000,
                     customerID: "1001", accountID: "1001-STROM", invoiceNumber: invoice, method: .paypal)
    }

    func book(_ event: PaymentEvent) throws -> BookingOutcome {
        try ledger.book(event, target: .account(customerID: "1001", account: account), receivedAt: 1_795_000_100, dateOf: dateOf)
    }

    func statement() throws -> AccountStatement {
        AccountStatement(account: account.including(try ledger.recordedPayments(customerID: "1001", dateOf: dateOf)),
                         asOf: CalendarDate(iso: "2026-11-29")!)
    }

    func aDuplicateEventOrPaymentBooksOnce() throws {
        #expect(try book(event("evt_1", payment: "pay_1", cents: 3_000)) == .booked(customerID: "1001"))
        #expect(try book(event("evt_1", payment: "pay_1", cents: 3_000)) == .duplicateEvent)
        #expect(try book(event("evt_2", payment: "pay_1", cents: 3_000)) == .duplicatePayment)
        #expect(try ledger.entries(customerID: "1001").count == 1)
        #expect(try ledger.events().map(\.outcome.rawValue) == ["booked", "duplicate-payment"])
        #expect(try statement().totalOpen.minorUnits == 12_000)
    }

    func underAndOverpaymentsAreAllocatedByTheRules() throws {
        _ = try book(event("evt_1", payment: "pay_1", cents: 4_000, invoice: "R2"))
        let first = try #require(try ledger.entries(customerID: "1001").first?.id)
        #expect(try ledger.allocations(paymentRowID: first).map { [$0.invoiceNumber ?? "credit", String($0.amountMinor)] }
                == [["R2", "4000"]])
        _ = try book(event("evt_2", payment: "pay_2", cents: 13_000))
        let second = try #require(try ledger.entries(customerID: "1001").last?.id)
        // 10,000 settles R1 (oldest), 1,000 the rest of R2, 2,000 becomes credit.
        #expect(try ledger.allocations(paymentRowID: second).map { [$0.invoiceNumber ?? "credit", String($0.amountMinor)] }
                == [["R1", "10000"], ["R2", "1000"], ["credit", "2000"]])
        let after = try statement()
        #expect(after.totalOpen.minorUnits == 0)
        #expect(after.credit.minorUnits == 2_000)
    }

    func aRefundReopensWhatItsPaymentSettled() throws {
        _ = try book(event("evt_1", payment: "pay_1", cents: 10_000, invoice: "R1"))
        #expect(try statement().invoices.first { $0.invoice.number == "R1" }?.status == .paid)
        #expect(try book(event("evt_r", payment: "pay_1", cents: 2_500, kind: .refund, refund: "re_1")) == .booked(customerID: "1001"))
        let refundRow = try #require(try ledger.entries(customerID: "1001").last?.id)
        #expect(try ledger.allocations(paymentRowID: refundRow).map(\.amountMinor) == [-2_500])
        let line = try #require(try statement().invoices.first { $0.invoice.number == "R1" })
        #expect(line.open.minorUnits == 2_500)
        #expect(line.status == .overdue)
        #expect(try book(event("evt_r2", payment: "pay_1", cents: 2_500, kind: .refund, refund: "re_1")) == .duplicatePayment)
    }

    func aRefundBeforeItsPaymentWaitsAndThenApplies() throws {
        #expect(try book(event("evt_r", payment: "pay_9", cents: 1_000, kind: .refund, refund: "re_9")) == .waitingForPayment)
        #expect(try statement().totalOpen.minorUnits == 15_000)
        #expect(try book(event("evt_p", payment: "pay_9", cents: 6_000)) == .booked(customerID: "1001"))
        // 6,000 paid, 1,000 of it refunded: 5,000 settles part of R1.
        #expect(try statement().totalOpen.minorUnits == 10_000)
        #expect(try ledger.entries(customerID: "1001").map(\.status) == [.booked, .booked])
    }

    func unknownAccountsAndOtherCurrenciesAreKeptNotBooked() throws {
        let unknown = event("evt_u", payment: "pay_u", cents: 700)
        #expect(try ledger.book(unknown, target: .unmatched(reason: "no customer 9999"), receivedAt: 0, dateOf: dateOf)
                == .unmatched(reason: "no customer 9999"))
        let dollars = event("evt_d", payment: "pay_d", cents: 700, currency: Currency(code: "USD")!)
        _ = try ledger.book(dollars, target: .currencyMismatch(customerID: "1001", accountID: "1001-STROM", reason: "USD, account is EUR"),
                            receivedAt: 0, dateOf: dateOf)
        #expect(try ledger.unmatched().map(\.status) == [.unmatched, .mismatch])
        #expect(try statement().totalOpen.minorUnits == 15_000)
        #expect(try ledger.dirtyPages().isEmpty)

        // assign books it later, once; the dollars stay refused.
        let row = try #require(try ledger.unmatched().first?.id)
        let assigned = try ledger.assign(rowID: row, customerID: "1001", account: account, invoiceNumber: nil, at: 5, dateOf: dateOf)
        #expect((try? assigned.get())?.status == .booked)
        #expect(try statement().totalOpen.minorUnits == 14_300)
        let again = try ledger.assign(rowID: row, customerID: "1001", account: account, invoiceNumber: nil, at: 6, dateOf: dateOf)
        #expect(throws: Ledger.AssignProblem.notUnmatched(row, status: "booked")) { try again.get() }
        let dollarRow = try #require(try ledger.unmatched().first?.id)
        let refused = try ledger.assign(rowID: dollarRow, customerID: "1001", account: account, invoiceNumber: nil, at: 7, dateOf: dateOf)
        #expect(throws: Ledger.AssignProblem.currencyDiffers(entry: "USD", account: "EUR")) { try refused.get() }
    }

    func bookingsMarkPagesAndANewerBookingKeepsTheMark() throws {
        _ = try book(event("evt_1", payment: "pay_1", cents: 100))
        let mark = try #require(try ledger.dirtyPages().first)
        #expect(mark.customerID == "1001")
        try ledger.clearDirty([DirtyPage(customerID: "1001", markedAt: mark.markedAt - 1)])
        #expect(try ledger.dirtyPages().count == 1)
        try ledger.clearDirty([mark])
        #expect(try ledger.dirtyPages().isEmpty)
    }

    func concurrentBookingsForOneAccountLeaveTheExactBalance() async throws {
        let ledger = self.ledger
        let account = self.account
        let dateOf = self.dateOf
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask {
                    let event = PaymentEvent(provider: "sandbox", eventID: "evt_\(index % 150)", kind: .payment,
                                             paymentID: "pay_\(index % 150)", amount: Money(minorUnits: 50, currency: .eur),
                                             occurredAt: 1_795_000_000 + index, customerID: "1001", accountID: "1001-STROM",
                                             method: .card)
                    _ = try? ledger.book(event, target: .account(customerID: "1001", account: account), receivedAt: 0, dateOf: dateOf)
                }
            }
        }
        // 150 distinct payments of 0.50 each, the 50 repeats booked nothing.
        #expect(try ledger.entries(customerID: "1001").count == 150)
        #expect(try statement().totalOpen.minorUnits == 15_000 - 150 * 50)
    }

    func bookingsSurviveReopeningTheFile() throws {
        _ = try book(event("evt_1", payment: "pay_1", cents: 1_234))
        let reopened = try testLedger.reopen()
        #expect(try reopened.entries(customerID: "1001").map(\.amountMinor) == [1_234])
        #expect(try reopened.book(event("evt_1", payment: "pay_1", cents: 1_234),
                                  target: .account(customerID: "1001", account: account), receivedAt: 0, dateOf: dateOf) == .duplicateEvent)
    }

    func aRefundedTotalBooksOnlyWhatIsNew() throws {
        _ = try book(event("evt_1", payment: "pay_1", cents: 10_000))
        var first = event("evt_r1", payment: "pay_1", cents: 2_000, kind: .refund)
        first.refundedTotal = first.amount
        #expect(try book(first) == .booked(customerID: "1001"))
        var second = event("evt_r2", payment: "pay_1", cents: 5_000, kind: .refund)
        second.refundedTotal = second.amount
        #expect(try book(second) == .booked(customerID: "1001"))
        var repeated = event("evt_r3", payment: "pay_1", cents: 5_000, kind: .refund)
        repeated.refundedTotal = repeated.amount
        #expect(try book(repeated) == .duplicatePayment)
        #expect(try ledger.entries(customerID: "1001").map(\.amountMinor) == [10_000, 2_000, 3_000])
        #expect(try statement().totalOpen.minorUnits == 15_000 - 5_000)
    }

    func aWaitingRefundFollowsItsPaymentIntoUnmatchedAndOutAgain() throws {
        #expect(try book(event("evt_r", payment: "pay_x", cents: 500, kind: .refund, refund: "re_x")) == .waitingForPayment)
        _ = try ledger.book(event("evt_p", payment: "pay_x", cents: 2_000), target: .unmatched(reason: "unknown customer 9999"),
                            receivedAt: 0, dateOf: dateOf)
        #expect(try ledger.unmatched().map(\.kind) == [.refund, .payment])
        let payment = try #require(try ledger.unmatched().first { $0.kind == .payment }?.id)
        _ = try ledger.assign(rowID: payment, customerID: "1001", account: account, invoiceNumber: nil, at: 1, dateOf: dateOf).get()
        #expect(try ledger.unmatched().isEmpty)
        #expect(try ledger.entries(customerID: "1001").map(\.status) == [.booked, .booked])
        #expect(try statement().totalOpen.minorUnits == 15_000 - 1_500)
    }

    func aWaitingRefundInAnotherCurrencyIsKeptAsMismatch() throws {
        _ = try book(event("evt_r", payment: "pay_y", cents: 500, kind: .refund, refund: "re_y", currency: Currency(code: "USD")!))
        _ = try book(event("evt_p", payment: "pay_y", cents: 2_000))
        #expect(try ledger.unmatched().map(\.status) == [.mismatch])
        #expect(try statement().totalOpen.minorUnits == 13_000)
    }
}

@Suite struct LedgerTests {
    @Test(arguments: LedgerEngineKind.available) func aDuplicateEventOrPaymentBooksOnce(_ engine: LedgerEngineKind) throws {
        let test = try LedgerCase(engine)
        defer { test.testLedger.drop() }
        try test.aDuplicateEventOrPaymentBooksOnce()
    }

    @Test(arguments: LedgerEngineKind.available) func underAndOverpaymentsAreAllocatedByTheRules(_ engine: LedgerEngineKind) throws {
        let test = try LedgerCase(engine)
        defer { test.testLedger.drop() }
        try test.underAndOverpaymentsAreAllocatedByTheRules()
    }

    @Test(arguments: LedgerEngineKind.available) func aRefundReopensWhatItsPaymentSettled(_ engine: LedgerEngineKind) throws {
        let test = try LedgerCase(engine)
        defer { test.testLedger.drop() }
        try test.aRefundReopensWhatItsPaymentSettled()
    }

    @Test(arguments: LedgerEngineKind.available) func aRefundBeforeItsPaymentWaitsAndThenApplies(_ engine: LedgerEngineKind) throws {
        let test = try LedgerCase(engine)
        defer { test.testLedger.drop() }
        try test.aRefundBeforeItsPaymentWaitsAndThenApplies()
    }

    @Test(arguments: LedgerEngineKind.available) func unknownAccountsAndOtherCurrenciesAreKeptNotBooked(_ engine: LedgerEngineKind) throws {
        let test = try LedgerCase(engine)
        defer { test.testLedger.drop() }
        try test.unknownAccountsAndOtherCurrenciesAreKeptNotBooked()
    }

    @Test(arguments: LedgerEngineKind.available) func bookingsMarkPagesAndANewerBookingKeepsTheMark(_ engine: LedgerEngineKind) throws {
        let test = try LedgerCase(engine)
        defer { test.testLedger.drop() }
        try test.bookingsMarkPagesAndANewerBookingKeepsTheMark()
    }

    @Test(arguments: LedgerEngineKind.available) func concurrentBookingsForOneAccountLeaveTheExactBalance(_ engine: LedgerEngineKind) async throws {
        let test = try LedgerCase(engine)
        defer { test.testLedger.drop() }
        try await test.concurrentBookingsForOneAccountLeaveTheExactBalance()
    }

    @Test(arguments: LedgerEngineKind.available) func bookingsSurviveReopeningTheFile(_ engine: LedgerEngineKind) throws {
        let test = try LedgerCase(engine)
        defer { test.testLedger.drop() }
        try test.bookingsSurviveReopeningTheFile()
    }

    @Test(arguments: LedgerEngineKind.available) func aRefundedTotalBooksOnlyWhatIsNew(_ engine: LedgerEngineKind) throws {
        let test = try LedgerCase(engine)
        defer { test.testLedger.drop() }
        try test.aRefundedTotalBooksOnlyWhatIsNew()
    }

    @Test(arguments: LedgerEngineKind.available) func aWaitingRefundFollowsItsPaymentIntoUnmatchedAndOutAgain(_ engine: LedgerEngineKind) throws {
        let test = try LedgerCase(engine)
        defer { test.testLedger.drop() }
        try test.aWaitingRefundFollowsItsPaymentIntoUnmatchedAndOutAgain()
    }

    @Test(arguments: LedgerEngineKind.available) func aWaitingRefundInAnotherCurrencyIsKeptAsMismatch(_ engine: LedgerEngineKind) throws {
        let test = try LedgerCase(engine)
        defer { test.testLedger.drop() }
        try test.aWaitingRefundInAnotherCurrencyIsKeptAsMismatch()
    }
}
