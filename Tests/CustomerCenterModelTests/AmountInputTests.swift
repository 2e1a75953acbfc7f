import CustomerCenterModel
import Testing

@Suite struct AmountInputTests {
    let german = CustomerLocale("de-DE")!
    let british = CustomerLocale("en-GB")!

    func parse(_ text: String, _ locale: CustomerLocale) throws(AmountInput.Problem) -> Int {
        try AmountInput.parse(text, locale: locale, currency: .eur).minorUnits
    }

    @Test func readsAmountsAsPeopleWriteThem() throws {
        #expect(try parse("44,20", german) == 4_420)
        #expect(try parse("1.234,56 €", german) == 123_456)
        #expect(try parse(" 50 ", german) == 5_000)
        #expect(try parse("1.000", german) == 100_000)
        #expect(try parse("€1,234.56", british) == 123_456)
        #expect(try parse("44.2", british) == 4_420)
        #expect(try parse("EUR 12", british) == 1_200)
    }

    @Test func refusesWhatIsNotAPositiveAmountWithAReason() {
        #expect(throws: AmountInput.Problem.empty) { try parse("", german) }
        #expect(throws: AmountInput.Problem.empty) { try parse(" € ", german) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse("zwanzig", german) }
        #expect(throws: AmountInput.Problem.notPositive) { try parse("0,00", german) }
        #expect(throws: AmountInput.Problem.notPositive) { try parse("-5", german) }
        #expect(throws: AmountInput.Problem.tooManyDecimals(allowed: 2)) { try parse("1,005", german) }
        #expect(throws: AmountInput.Problem.wrongFormat(suggestion: "44,20")) { try parse("44.20", german) }
        #expect(throws: AmountInput.Problem.wrongFormat(suggestion: "44.20")) { try parse("44,20", british) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse("1.23.4,5", german) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse("12,34,56", german) }
    }

    /// Found by fuzzing (amount-input): "12,34,56" in a Swiss form got the hint "1234.56", though it
    /// is no number in German either; a hint is only given for a number in the other locale.
    @Test func aHintIsGivenOnlyForANumberInTheOtherLocale() {
        let swiss = CustomerLocale("de-CH")!
        #expect(throws: AmountInput.Problem.notANumber) { try parse("12,34,56", swiss) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse("12,34,56", british) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse(".", german) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse(".5", german) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse("5.", german) }
        // Found in a second run: a number too large to be an amount got the hint of one.
        #expect(throws: AmountInput.Problem.notANumber) { try parse("999999999999999,99", swiss) }
        #expect(throws: AmountInput.Problem.wrongFormat(suggestion: "12.34")) { try parse("12,34", swiss) }
        #expect(throws: AmountInput.Problem.wrongFormat(suggestion: "1,2345")) { try parse("1.2345", german) }
    }
}
