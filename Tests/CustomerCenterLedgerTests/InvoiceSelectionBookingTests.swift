@testable import CustomerCenterLedger
import CustomerCenterLedgerPostgres
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import GRDB
import Testing

/// A checkout of invoices the customer ticked: the invoices are recorded with it (migration v9),
/// carried to the payment it becomes, and settled first by the booking and by every page after.
struct InvoiceSelectionCase {
    let folder = TemporaryFolder("ledger-selection")
    let testLedger: TestLedger
    var ledger: any LedgerStore { testLedger.store }
    let dateOf: @Sendable (Int) -> CalendarDate = { CalendarDate(daysSinceEpoch: $0 / 86_400) }
    let account: Account

    init(_ engine: LedgerEngineKind) throws {
        testLedger = try TestLedger(engine, folder: folder.path)
        func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }
        func euros(_ cents: Int) -> Money { Money(minorUnits: cents, currency: .eur) }
        account = Account(id: "1001-STROM", kind: .invoice, currency: .eur, invoices: [
            Invoice(number: "RE-0915", issued: day("2026-09-01"), due: day("2026-09-15"), amount: euros(4_420)),
            Invoice(number: "RE-1015", issued: day("2026-10-01"), due: day("2026-10-15"), amount: euros(8_420)),
            Invoice(number: "RE-1115", issued: day("2026-11-01"), due: day("2026-12-15"), amount: euros(123_456)),
        ])
    }

    func checkout(_ id: String, cents: Int, invoices: [String], customer: String = "1001") throws {
        _ = try ledger.recordPending(PendingPayment(
            id: nil, provider: "sandbox", checkoutID: id, customerID: customer, accountID: "1001-STROM", invoiceNumber: nil,
            purpose: .settle, method: .card, amountMinor: cents, currency: .eur, createdAt: 1_795_000_000, expiresAt: 1_795_003_600,
            status: .pending, note: nil, selectedInvoices: invoices))
    }

    func book(_ id: String, cents: Int, checkout: String?) throws -> BookingOutcome {
        var event = PaymentEvent(provider: "sandbox", eventID: "evt_" + id, kind: .payment, paymentID: "pay_" + id,
                                 amount: Money(minorUnits: cents, currency: .eur), occurredAt: 1_795_000_000,
                                 customerID: "1001", accountID: "1001-STROM", method: .card)
        event.checkoutID = checkout
        return try ledger.book(event, target: .account(customerID: "1001", account: account), receivedAt: 1_795_000_100, dateOf: dateOf)
    }

    func allocations(of paymentID: String) throws -> [String] {
        let row = try #require(try ledger.entries(customerID: "1001").first { $0.providerPaymentID == paymentID })
        return try ledger.allocations(paymentRowID: row.id ?? 0).map { "\($0.invoiceNumber ?? "credit") \($0.amountMinor)" }
    }

    func theTickedInvoicesAreSettledNotTheOldest() throws {
        try checkout("co_1", cents: 8_420 + 123_456, invoices: ["RE-1015", "RE-1115"])
        #expect(try ledger.pending(checkoutID: "co_1")?.selectedInvoices == ["RE-1015", "RE-1115"])
        #expect(try book("1", cents: 8_420 + 123_456, checkout: "co_1") == .booked(customerID: "1001"))
        let entry = try #require(try ledger.entries(customerID: "1001").first)
        #expect(entry.selectedInvoices == ["RE-1015", "RE-1115"])
        #expect(try ledger.pending(checkoutID: "co_1")?.status == .completed)
        #expect(try allocations(of: "pay_1") == ["RE-1015 8420", "RE-1115 123456"])
        // Every page after allocates it the same way: the oldest invoice is still open.
        let statement = AccountStatement(account: account.including(try ledger.recordedPayments(customerID: "1001", dateOf: dateOf)),
                                         asOf: CalendarDate(iso: "2026-11-29")!)
        #expect(statement.openInvoices.map(\.invoice.number) == ["RE-0915"])
    }

    func aPaymentWithoutItsCheckoutOrOfAnotherAccountKeepsTheUsualRules() throws {
        _ = try book("plain", cents: 4_420 + 8_420, checkout: nil)
        #expect(try allocations(of: "pay_plain") == ["RE-0915 4420", "RE-1015 8420"])
        // A checkout of another customer's: its choice is not carried over.
        try checkout("co_other", cents: 5_000, invoices: ["RE-1115"], customer: "1002")
        _ = try book("other", cents: 5_000, checkout: "co_other")
        #expect(try ledger.entries(customerID: "1001").first { $0.providerPaymentID == "pay_other" }?.selectedInvoices == [])
        #expect(try allocations(of: "pay_other") == ["RE-1115 5000"])
    }

    func theGroupCommitCarriesTheChoiceToo() throws {
        try checkout("co_g", cents: 123_456, invoices: ["RE-1115"])
        var event = PaymentEvent(provider: "sandbox", eventID: "evt_g", kind: .payment, paymentID: "pay_g",
                                 amount: Money(minorUnits: 123_456, currency: .eur), occurredAt: 1_795_000_000,
                                 customerID: "1001", accountID: "1001-STROM", method: .card)
        event.checkoutID = "co_g"
        let outcomes = try ledger.book([BookingRequest(event: event, target: .account(customerID: "1001", account: account),
                                                       receivedAt: 1_795_000_100)], dateOf: dateOf)
        #expect(outcomes.count == 1)
        #expect(try allocations(of: "pay_g") == ["RE-1115 123456"])
    }

    func theColumnHoldsArraysOnly() throws {
        try checkout("co_x", cents: 100, invoices: ["A \"quoted\" number", "B"])
        #expect(try ledger.pending(checkoutID: "co_x")?.selectedInvoices == ["A \"quoted\" number", "B"])
        #expect(throws: (any Error).self) {
            try rawSQL("UPDATE pendingPayment SET invoiceNumbers = 'RE-1' WHERE checkoutID = 'co_x'")
        }
        #expect(throws: (any Error).self) {
            try rawSQL("UPDATE pendingPayment SET invoiceNumbers = '{\"a\": 1}' WHERE checkoutID = 'co_x'")
        }
        #expect(throws: (any Error).self) {
            try rawSQL("INSERT INTO payment (provider, providerPaymentID, kind, status, purpose, method, amountMinor, currency, occurredAt, bookedAt, sourceEvent, invoiceNumbers) VALUES ('p', 'x', 'payment', 'booked', 'settle', 'card', 1, 'EUR', 0, 0, 'e', '\"RE-1\"')")
        }
        // An array of something else than strings is refused when read, naming the row.
        try rawSQL("UPDATE pendingPayment SET invoiceNumbers = '[1, 2]' WHERE checkoutID = 'co_x'")
        let refused = #expect(throws: LedgerError.self) { try ledger.pending(checkoutID: "co_x") }
        #expect(refused?.description.contains("invoiceNumbers") == true)
        #expect(try ledger.entries(customerID: "1001").isEmpty)
    }

    /// Runs `sql` on the ledger's database behind the engine's back (a value it would never write).
    func rawSQL(_ sql: String) throws {
        switch testLedger.kind {
        case .sqlite: try DatabaseQueue(path: ledger.path).write { db in try db.execute(sql: sql) }
        case .postgresql: try PostgresDatabases.execute(sql, on: try PostgresLedgerURL(testLedger.location))
        }
    }
}

/// Every test of `InvoiceSelectionCase` on every engine, each on a fresh ledger.
@Suite struct InvoiceSelectionBookingTests {
    @Test(arguments: LedgerEngineKind.available) func theTickedInvoicesAreSettledNotTheOldest(_ engine: LedgerEngineKind) throws {
        let test = try InvoiceSelectionCase(engine)
        defer { test.testLedger.drop() }
        try test.theTickedInvoicesAreSettledNotTheOldest()
    }

    @Test(arguments: LedgerEngineKind.available) func aPaymentWithoutItsCheckoutOrOfAnotherAccountKeepsTheUsualRules(_ engine: LedgerEngineKind) throws {
        let test = try InvoiceSelectionCase(engine)
        defer { test.testLedger.drop() }
        try test.aPaymentWithoutItsCheckoutOrOfAnotherAccountKeepsTheUsualRules()
    }

    @Test(arguments: LedgerEngineKind.available) func theGroupCommitCarriesTheChoiceToo(_ engine: LedgerEngineKind) throws {
        let test = try InvoiceSelectionCase(engine)
        defer { test.testLedger.drop() }
        try test.theGroupCommitCarriesTheChoiceToo()
    }

    @Test(arguments: LedgerEngineKind.available) func theColumnHoldsArraysOnly(_ engine: LedgerEngineKind) throws {
        let test = try InvoiceSelectionCase(engine)
        defer { test.testLedger.drop() }
        try test.theColumnHoldsArraysOnly()
    }
}
