import CustomerCenterModel
import Testing

/// Open amounts by age, at every boundary: due today is not yet due, one day later is 1-30.
@Suite struct AgingTests {
    let eur = Currency.eur
    func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    @Test(arguments: [(-5, Aging.Bucket.notDue), (0, .notDue), (1, .days1to30), (30, .days1to30), (31, .days31to60),
                      (60, .days31to60), (61, .days61to90), (90, .days61to90), (91, .over90), (4_000, .over90)])
    func bucketOfDaysOverdue(_ days: Int, _ bucket: Aging.Bucket) {
        #expect(Aging.Bucket(daysOverdue: days) == bucket)
    }

    @Test func anAccountsOpenInvoicesByAgeOnTheDay() {
        let asOf = day("2026-11-29")
        // Due on the day, and 1, 30, 31, 60, 61, 90, 91 days before it; each 1.00 more than the last.
        let offsets = [0, 1, 30, 31, 60, 61, 90, 91]
        let invoices = offsets.enumerated().map { index, offset in
            Invoice(number: "R\(offset)", issued: asOf.adding(days: -offset - 10), due: asOf.adding(days: -offset),
                    amount: Money(minorUnits: (index + 1) * 100, currency: eur))
        }
        var account = Account(id: "A", kind: .invoice, currency: eur, invoices: invoices)
        // Part of the oldest is paid: only what is open counts.
        account.payments = [Payment(date: asOf, amount: Money(minorUnits: 50, currency: eur), method: .transfer, invoiceNumber: "R91")]
        let aging = Aging(statement: AccountStatement(account: account, asOf: asOf))
        #expect(aging[.notDue].minorUnits == 100)
        #expect(aging[.days1to30].minorUnits == 200 + 300)
        #expect(aging[.days31to60].minorUnits == 400 + 500)
        #expect(aging[.days61to90].minorUnits == 600 + 700)
        #expect(aging[.over90].minorUnits == 800 - 50)
        #expect(aging.total.minorUnits == (1...8).reduce(0) { $0 + $1 * 100 } - 50)
        #expect(Aging.Bucket.allCases.map(\.key) == ["not-due", "1-30", "31-60", "61-90", "over-90"])
    }

    @Test func sumsRefuseOtherCurrenciesAndOverflow() throws {
        let asOf = day("2026-11-29")
        func aging(_ units: Int, _ currency: Currency) -> Aging {
            let invoice = Invoice(number: "R", issued: asOf, due: asOf, amount: Money(minorUnits: units, currency: currency))
            return Aging(statement: AccountStatement(account: Account(id: "A", kind: .invoice, currency: currency, invoices: [invoice]), asOf: asOf))
        }
        let usd = try #require(Currency(code: "USD"))
        #expect(aging(100, eur).adding(aging(100, usd)) == nil)
        #expect(aging(100, eur).adding(aging(250, eur))?.total.minorUnits == 350)
        #expect(aging(Int.max - 10, eur).adding(aging(11, eur)) == nil)
        #expect(Aging(currency: eur).isEmpty)
    }
}
