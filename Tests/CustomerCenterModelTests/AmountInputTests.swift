import CustomerCenterModel
import Testing

@Suite struct AmountInputTests {
    let german = CustomerLocale("de-DE")!
    let austrian = CustomerLocale("de-AT")!
    let swiss = CustomerLocale("de-CH")!
    let british = CustomerLocale("en-GB")!

    func parse(_ text: String, _ locale: CustomerLocale, _ currency: Currency = .eur) throws(AmountInput.Problem) -> Int {
        try AmountInput.parse(text, locale: locale, currency: currency).minorUnits
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

    /// Issue 13: what customers typed and were refused.
    @Test func readsTheCurrencySignAndSpacesPeopleType() throws {
        #expect(try parse("20 €", german) == 2_000)
        #expect(try parse("50,00 €", german) == 5_000)
        #expect(try parse("20,00 ", german) == 2_000)
        #expect(try parse("€ 20", german) == 2_000)
        #expect(try parse("€20,00", german) == 2_000)
        #expect(try parse("20€", german) == 2_000)
        #expect(try parse("20,00 EUR", german) == 2_000)
        #expect(try parse("eur 20", german) == 2_000)
        #expect(try parse("20 Euro", german) == 2_000)
        #expect(try parse("20,-", german) == 2_000)
        #expect(try parse("20,– €", german) == 2_000)
        #expect(try parse("+20", german) == 2_000)
        #expect(try parse("\t20,00\u{00A0}€\n", german) == 2_000)
        #expect(try parse("£20", british, Currency(code: "GBP")!) == 2_000)
        #expect(try parse("20.00 GBP", british, Currency(code: "GBP")!) == 2_000)
    }

    /// Thousands separators of de-AT (no-break or narrow space), de-CH (`’` or `'`), or none at all.
    @Test func readsEveryThousandsSeparator() throws {
        for text in ["1234,56", "1.234,56", "1 234,56", "1\u{00A0}234,56", "1\u{202F}234,56", "1\u{2009}234,56", "€ 1\u{00A0}234,56"] {
            #expect(try parse(text, austrian) == 123_456, "\(text.debugDescription)")
            #expect(try parse(text, german) == 123_456, "\(text.debugDescription)")
        }
        for text in ["1234.56", "1’234.56", "1'234.56", "€ 1’234.56", "1 234.56", "1,234.56"] {
            #expect(try parse(text, swiss) == 123_456, "\(text.debugDescription)")
            #expect(try parse(text, british) == 123_456, "\(text.debugDescription)")
        }
        #expect(try parse("1.234.567,89", german) == 123_456_789)
        #expect(try parse("1’234’567", swiss) == 123_456_700)
    }

    /// A spelling with one reading is accepted in either convention: a thousands separator is always
    /// followed by three digits, so `44.20` can only be 44,20.
    @Test func acceptsTheOtherConventionWhereItIsUnambiguous() throws {
        #expect(try parse("44.20", german) == 4_420)
        #expect(try parse("44,20", british) == 4_420)
        #expect(try parse("12,34", swiss) == 1_234)
        #expect(try parse("1,234.56", german) == 123_456)
        #expect(try parse("1.234,56", british) == 123_456)
        #expect(try parse("1 234.56", german) == 123_456)
        #expect(try parse(",50", german) == 50)
        #expect(try parse("5.", german) == 500)
    }

    /// `1,234` in a German form is 1,234 € with three decimals, or 1234 € written the English way:
    /// refused, naming the other reading, rather than guessed.
    @Test func refusesAnAmbiguousSpellingNamingTheOtherReading() throws {
        #expect(throws: AmountInput.Problem.ambiguous(otherReading: Money(minorUnits: 123_400, currency: .eur))) { try parse("1,234", german) }
        #expect(throws: AmountInput.Problem.ambiguous(otherReading: Money(minorUnits: 123_400, currency: .eur))) { try parse("1.234", british) }
        #expect(throws: AmountInput.Problem.ambiguous(otherReading: Money(minorUnits: 100_500, currency: .eur))) { try parse("1,005", german) }
        // With three decimals in the currency, the customer's own convention reads it.
        #expect(try parse("1,234", german, Currency(code: "KWD")!) == 1_234)
    }

    @Test func refusesWhatIsNotAPositiveAmountWithAReason() {
        #expect(throws: AmountInput.Problem.empty) { try parse("", german) }
        #expect(throws: AmountInput.Problem.empty) { try parse(" € ", german) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse("zwanzig", german) }
        #expect(throws: AmountInput.Problem.notPositive) { try parse("0,00", german) }
        #expect(throws: AmountInput.Problem.notPositive) { try parse("-5", german) }
        #expect(throws: AmountInput.Problem.notPositive) { try parse("\u{2212}5,00 €", german) }
        #expect(throws: AmountInput.Problem.notPositive) { try parse("-€5", british) }
        #expect(throws: AmountInput.Problem.tooManyDecimals(allowed: 2)) { try parse("10,0011", german) }
        #expect(throws: AmountInput.Problem.tooManyDecimals(allowed: 2)) { try parse("1.2345", german) }
        #expect(throws: AmountInput.Problem.tooManyDecimals(allowed: 0)) { try parse("1,5", german, Currency(code: "JPY")!) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse("1.23.4,5", german) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse("12,34,56", german) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse("20+€", german) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse("20 00", german) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse("1 234.567,89", german) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse("$20", german) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse("٢٠", german) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse(String(repeating: "1", count: 200), german) }
    }

    /// Found by fuzzing (amount-input): "12,34,56" in a Swiss form got a hint, though it is no number
    /// in German either; and a number too large to be an amount got the hint of one.
    @Test func noReadingIsInventedForWhatIsNoNumber() {
        #expect(throws: AmountInput.Problem.notANumber) { try parse("12,34,56", swiss) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse("12,34,56", british) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse(".", german) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse(",", german) }
        #expect(throws: AmountInput.Problem.notANumber) { try parse("999999999999999,99", swiss) }
    }
}
