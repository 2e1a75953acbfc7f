import CustomerCenterModel
import Testing

/// A payment of invoices the customer ticked settles exactly those first, then the usual rules.
@Suite struct InvoiceSelectionTests {
    let eur = Currency.eur
    func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }
    func euros(_ cents: Int) -> Money { Money(minorUnits: cents, currency: eur) }
    func invoice(_ number: String, due: String, cents: Int) -> Invoice {
        Invoice(number: number, issued: day(due).adding(days: -14), due: day(due), amount: euros(cents))
    }
    var invoices: [Invoice] {
        [invoice("OLD", due: "2026-09-15", cents: 4_420), invoice("MID", due: "2026-10-15", cents: 8_420),
         invoice("NEW", due: "2026-12-15", cents: 123_456)]
    }

    func open(_ payments: [Payment]) -> [String: Int] {
        let statement = AccountStatement(account: Account(id: "A", kind: .invoice, currency: eur, invoices: invoices, payments: payments),
                                         asOf: day("2026-11-29"))
        return Dictionary(uniqueKeysWithValues: statement.invoices.map { ($0.invoice.number, $0.open.minorUnits) })
    }

    @Test func theTickedInvoicesAreSettledAndTheOldestIsLeftOpen() {
        // Without a choice the oldest goes first; with MID and NEW ticked, OLD stays open.
        let amount = euros(8_420 + 123_456)
        #expect(open([Payment(date: day("2026-11-20"), amount: amount, method: .card)]) == ["OLD": 0, "MID": 0, "NEW": 4_420])
        #expect(open([Payment(date: day("2026-11-20"), amount: amount, method: .card, selectedInvoices: ["NEW", "MID"])])
                == ["OLD": 4_420, "MID": 0, "NEW": 0])
    }

    @Test func whatIsLeftFollowsTheUsualRules() {
        // MID was settled by a transfer meanwhile: the 84.20 meant for it goes to the oldest open, OLD,
        // and the 40.00 beyond to NEW.
        let transfer = Payment(date: day("2026-11-18"), amount: euros(8_420), method: .transfer, invoiceNumber: "MID")
        let chosen = Payment(date: day("2026-11-20"), amount: euros(4_420 + 8_420 + 4_000), method: .paypal, selectedInvoices: ["OLD", "MID"])
        #expect(open([transfer, chosen]) == ["OLD": 0, "MID": 0, "NEW": 123_456 - 12_420])
        // Too little for both: the older of the two ticked first.
        #expect(open([Payment(date: day("2026-11-20"), amount: euros(5_000), method: .card, selectedInvoices: ["MID", "OLD"])])
                == ["OLD": 0, "MID": 8_420 - 580, "NEW": 123_456])
        // More than everything: credit.
        let statement = AccountStatement(account: Account(id: "A", kind: .invoice, currency: eur, invoices: invoices, payments: [
            Payment(date: day("2026-11-20"), amount: euros(200_000), method: .card, selectedInvoices: ["NEW"]),
        ]), asOf: day("2026-11-29"))
        #expect(statement.credit == euros(200_000 - 4_420 - 8_420 - 123_456))
        #expect(statement.allocations[0]?.map(\.invoiceNumber) == ["NEW", "OLD", "MID", nil])
    }

    @Test func theLedgersPaymentCarriesTheChoiceToThePage() {
        let recorded = RecordedPayment(provider: "sandbox", kind: .payment, paymentID: "p1", amount: euros(4_420 + 123_456),
                                       date: day("2026-11-20"), accountID: "A", invoiceNumber: nil, purpose: .settle, method: .card,
                                       selectedInvoices: ["OLD", "NEW"])
        let account = Account(id: "A", kind: .invoice, currency: eur, invoices: invoices).including([recorded])
        #expect(account.payments.map(\.selectedInvoices) == [["OLD", "NEW"]])
        #expect(open(account.payments) == ["OLD": 0, "MID": 8_420, "NEW": 0])
    }
}
