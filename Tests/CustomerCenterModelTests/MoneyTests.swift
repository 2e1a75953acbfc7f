import CustomerCenterModel
import Testing

@Suite struct MoneyTests {
    let eur = Currency.eur

    @Test func parsesDecimalStringsExactly() throws {
        #expect(try Money.parse("1234.56", currency: eur).minorUnits == 123_456)
        #expect(try Money.parse("0.1", currency: eur).minorUnits == 10)
        #expect(try Money.parse("5", currency: eur).minorUnits == 500)
        #expect(try Money.parse("-12.40", currency: eur).minorUnits == -1240)
        // 0.1 + 0.2 style rounding cannot happen: no floating point on the way.
        #expect(try Money.parse("0.29", currency: eur).minorUnits == 29)
    }

    @Test func respectsTheCurrencysMinorUnits() throws {
        let yen = try #require(Currency(code: "JPY"))
        let dinar = try #require(Currency(code: "KWD"))
        #expect(try Money.parse("1500", currency: yen).minorUnits == 1500)
        #expect(throws: Money.ParseError.tooManyDecimals(got: 1, allowed: 0, currency: "JPY")) {
            try Money.parse("1500.5", currency: yen)
        }
        #expect(try Money.parse("1.234", currency: dinar).minorUnits == 1234)
        #expect(throws: Money.ParseError.tooManyDecimals(got: 3, allowed: 2, currency: "EUR")) {
            try Money.parse("1.005", currency: eur)
        }
    }

    @Test(arguments: ["", "1,50", "1.2.3", "abc", "€5", "1 000", "-", "."])
    func rejectsWhatIsNotAPlainAmount(_ text: String) {
        #expect(throws: Money.ParseError.self) { try Money.parse(text, currency: eur) }
    }

    @Test func rejectsAbsurdlyLargeAmounts() {
        #expect(throws: Money.ParseError.outOfRange) { try Money.parse("99999999999999999999", currency: eur) }
    }

    @Test func printsPlainDecimalStrings() {
        #expect(Money(minorUnits: 123_456, currency: eur).decimalString == "1234.56")
        #expect(Money(minorUnits: -5, currency: eur).decimalString == "-0.05")
        #expect(Money(minorUnits: 7, currency: Currency(code: "JPY")!).decimalString == "7")
    }

    @Test func knowsISO4217Codes() {
        #expect(Currency(code: "EUR")?.minorUnitDigits == 2)
        #expect(Currency(code: "CHF") != nil)
        #expect(Currency(code: "XYZ") == nil)
        #expect(Currency(code: "eur") == nil)
    }
}
