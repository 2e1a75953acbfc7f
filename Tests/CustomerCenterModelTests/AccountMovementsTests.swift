import CustomerCenterModel
import Testing

/// The statement of account's rows: every movement once, a running balance, and a closing balance
/// equal to the page's figure.
@Suite struct AccountMovementsTests {
    let eur = Currency.eur
    func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }
    func euros(_ cents: Int) -> Money { Money(minorUnits: cents, currency: eur) }
    func ledger(_ kind: PaymentEvent.Kind, _ id: String, _ cents: Int, _ date: String, account: String = "A",
                method: Payment.Method = .card) -> RecordedPayment {
        RecordedPayment(provider: "sandbox", kind: kind, paymentID: id, amount: euros(cents), date: day(date), accountID: account,
                        invoiceNumber: nil, purpose: .settle, method: method)
    }

    @Test func anInvoiceAccountEndsOnWhatIsOwedLessCredit() {
        let account = Account(id: "A", kind: .invoice, currency: eur, invoices: [
            Invoice(number: "R2", issued: day("2026-10-01"), due: day("2026-10-15"), amount: euros(8_420)),
            Invoice(number: "R1", issued: day("2026-09-01"), due: day("2026-09-15"), amount: euros(8_420), description: "September"),
        ], payments: [Payment(date: day("2026-09-10"), amount: euros(4_000), method: .paypal, invoiceNumber: "R1", reference: "Teil")])
        let recorded = [ledger(.payment, "p1", 20_000, "2026-11-20"), ledger(.refund, "p1", 3_000, "2026-11-22"),
                        ledger(.payment, "other", 999, "2026-11-20", account: "B")]
        let movements = AccountMovements(account: account, recorded: recorded, asOf: day("2026-11-29"))
        #expect(movements.movements.map(\.kind) == [.invoice, .payment, .invoice, .payment, .refund])
        #expect(movements.movements.map(\.balance.minorUnits) == [8_420, 4_420, 12_840, -7_160, -4_160])
        #expect(movements.movements[0].detail == "September")
        #expect(movements.movements[1].document == "Teil")
        #expect(movements.movements[3].document == "p1")
        #expect(movements.movements[3].allocations.map(\.invoiceNumber) == ["R1", "R2", nil])
        let statement = AccountStatement(account: account.including(recorded), asOf: day("2026-11-29"))
        #expect(movements.closingBalance == statement.totalOpen - statement.credit)
        #expect(movements.closingBalance == euros(-4_160))
    }

    @Test func refundsNeverCountForMoreThanTheirPayment() {
        let account = Account(id: "A", kind: .invoice, currency: eur, invoices: [
            Invoice(number: "R1", issued: day("2026-09-01"), due: day("2026-09-15"), amount: euros(5_000)),
        ])
        let recorded = [ledger(.payment, "p1", 5_000, "2026-09-10"), ledger(.refund, "p1", 4_000, "2026-09-12"),
                        ledger(.refund, "p1", 4_000, "2026-09-13"), ledger(.refund, "nobody", 700, "2026-09-13")]
        let movements = AccountMovements(account: account, recorded: recorded, asOf: day("2026-11-29"))
        #expect(movements.movements.compactMap(\.debit?.minorUnits) == [5_000, 4_000, 1_000])
        let statement = AccountStatement(account: account.including(recorded), asOf: day("2026-11-29"))
        #expect(movements.closingBalance == statement.totalOpen - statement.credit)
        #expect(movements.closingBalance == euros(5_000))
    }

    @Test func aPrepaidAccountEndsOnItsBalance() {
        let account = Account(id: "P", kind: .prepaid, currency: eur, transactions: [
            PrepaidTransaction(date: day("2026-07-01"), description: "Aufladung", amount: euros(10_000)),
            PrepaidTransaction(date: day("2026-07-19"), description: "Laden", amount: euros(-2_310)),
        ])
        let recorded = [ledger(.payment, "t1", 5_000, "2026-07-19", account: "P"), ledger(.refund, "t1", 5_000, "2026-07-20", account: "P")]
        let movements = AccountMovements(account: account, recorded: recorded, asOf: day("2026-11-29"))
        // On one day the charge comes before the top-up.
        #expect(movements.movements.map(\.kind) == [.credit, .charge, .topUp, .refund])
        #expect(movements.movements.map(\.balance.minorUnits) == [10_000, 7_690, 12_690, 7_690])
        let statement = AccountStatement(account: account.including(recorded), asOf: day("2026-11-29"))
        #expect(movements.closingBalance == statement.prepaidBalance)
    }

    @Test func anEmptyAccountHasNoRows() {
        let movements = AccountMovements(account: Account(id: "E", kind: .invoice, currency: eur), recorded: [], asOf: day("2026-11-29"))
        #expect(movements.movements.isEmpty)
        #expect(movements.closingBalance == euros(0))
    }
}
