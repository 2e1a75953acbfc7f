import CustomerCenterModel
import Testing

@Suite struct AccountStatementTests {
    let eur = Currency.eur
    func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }
    func euros(_ cents: Int) -> Money { Money(minorUnits: cents, currency: eur) }

    func invoice(_ number: String, due: String, cents: Int) -> Invoice {
        Invoice(number: number, issued: day(due).adding(days: -14), due: day(due), amount: euros(cents))
    }

    func account(_ invoices: [Invoice], _ payments: [Payment]) -> Account {
        Account(id: "A", kind: .invoice, currency: eur, invoices: invoices, payments: payments)
    }

    @Test func underpaymentLeavesTheRestOpen() {
        let statement = AccountStatement(
            account: account([invoice("R1", due: "2026-12-01", cents: 10_000)],
                             [Payment(date: day("2026-11-20"), amount: euros(4_000), method: .paypal, invoiceNumber: "R1")]),
            asOf: day("2026-11-25"))
        let line = statement.invoices[0]
        #expect(line.paid == euros(4_000))
        #expect(line.open == euros(6_000))
        #expect(line.status == .partiallyPaid)
        #expect(statement.totalOpen == euros(6_000))
        #expect(statement.credit == euros(0))
    }

    @Test func overpaymentBecomesCredit() {
        let statement = AccountStatement(
            account: account([invoice("R1", due: "2026-12-01", cents: 14_730)],
                             [Payment(date: day("2026-11-20"), amount: euros(17_430), method: .transfer, invoiceNumber: "R1")]),
            asOf: day("2026-11-25"))
        #expect(statement.invoices[0].status == .paid)
        #expect(statement.totalOpen == euros(0))
        #expect(statement.credit == euros(2_700))
    }

    @Test func namedInvoiceFirstThenOldestDueDate() {
        let invoices = [
            invoice("NEW", due: "2026-12-15", cents: 5_000),
            invoice("OLD", due: "2026-10-15", cents: 3_000),
            invoice("MID", due: "2026-11-15", cents: 2_000),
        ]
        let payment = Payment(date: day("2026-11-20"), amount: euros(7_000), method: .card, invoiceNumber: "NEW")
        let statement = AccountStatement(account: account(invoices, [payment]), asOf: day("2026-11-25"))
        let byNumber = Dictionary(uniqueKeysWithValues: statement.invoices.map { ($0.invoice.number, $0) })
        #expect(byNumber["NEW"]?.open == euros(0))
        #expect(byNumber["OLD"]?.open == euros(1_000))  // 2,000 left after NEW went to OLD, the oldest
        #expect(byNumber["MID"]?.open == euros(2_000))
        #expect(statement.invoices.map(\.invoice.number) == ["OLD", "MID", "NEW"])
    }

    @Test func unnamedPaymentsSettleOldestFirst() {
        let invoices = [invoice("B", due: "2026-11-15", cents: 7_200), invoice("A", due: "2026-10-15", cents: 7_200)]
        let statement = AccountStatement(
            account: account(invoices, [Payment(date: day("2026-10-02"), amount: euros(7_200), method: .directDebit)]),
            asOf: day("2026-11-16"))
        #expect(statement.invoices.map(\.status) == [.paid, .overdue])
        #expect(statement.invoices[1].daysOverdue == 1)
    }

    @Test func overdueFromTheDayAfterTheDueDate() {
        let invoices = [invoice("R", due: "2026-11-15", cents: 100)]
        #expect(AccountStatement(account: account(invoices, []), asOf: day("2026-11-15")).invoices[0].status == .open)
        #expect(AccountStatement(account: account(invoices, []), asOf: day("2026-11-16")).invoices[0].status == .overdue)
    }

    @Test func prepaidBalanceIsTheSumOfCreditsAndCharges() {
        let prepaid = Account(id: "P", kind: .prepaid, currency: eur, transactions: [
            PrepaidTransaction(date: day("2026-09-03"), description: "Top-up", amount: euros(5_000)),
            PrepaidTransaction(date: day("2026-09-18"), description: "Charge", amount: euros(-1_240)),
        ])
        #expect(AccountStatement(account: prepaid, asOf: day("2026-11-01")).prepaidBalance == euros(3_760))
    }
}
