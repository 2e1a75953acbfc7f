import CustomerCenterModel

/// Amounts as customers type them (AmountInput), every input in every locale the pages support.
/// Byte 1 picks the currency (0, 2, 3 or 4 decimals); the rest is the text.
///
/// Checked: an accepted amount is positive and in the currency; written back as the locale types
/// it (plain, grouped, with a sign before or after) it reads as the same amount; "ambiguous" is said
/// only of text that is that amount in the other convention.
enum AmountInputTarget {
    static let locales = ["de-DE", "de-AT", "de-CH", "de-LI", "de", "en-GB", "en-US", "en"].compactMap(CustomerLocale.init)
    static let currencies = ["EUR", "JPY", "KWD", "CHF", "GBP", "USD", "CLF"].compactMap { Currency(code: $0) }
    static let german = CustomerLocale("de-DE")!
    static let british = CustomerLocale("en-GB")!

    static func fuzz(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        let currency = currencies[Int(selector) % currencies.count]
        let text = FuzzFields.text(Array(bytes.dropFirst()))
        for locale in locales { check(text, locale: locale, currency: currency) }
    }

    static func parse(_ text: String, _ locale: CustomerLocale, _ currency: Currency) -> Result<Money, AmountInput.Problem> {
        Result { () throws(AmountInput.Problem) in try AmountInput.parse(text, locale: locale, currency: currency) }
    }

    static func check(_ text: String, locale: CustomerLocale, currency: Currency) {
        let comma = AmountText.decimalComma(locale)
        switch parse(text, locale, currency) {
        case .success(let amount):
            Property.check(amount.isPositive && amount.currency == currency, "\(text.debugDescription) in \(locale) is \(amount)")
            let sign = ["EUR": "€", "GBP": "£", "USD": "$", "JPY": "¥"][currency.code] ?? currency.code
            for written in [AmountText.write(amount, decimalComma: comma, grouped: false),
                            AmountText.write(amount, decimalComma: comma, grouped: true),
                            AmountText.write(amount, decimalComma: comma, grouped: true, sign: sign),
                            AmountText.write(amount, decimalComma: comma, grouped: false, sign: " " + currency.code, signAfter: true)] {
                let again = parse(written, locale, currency)
                Property.check(again == .success(amount), "\(text.debugDescription) in \(locale) is \(amount), written \(written.debugDescription) reads as \(again)")
            }
        case .failure(.ambiguous(let reading)):
            let other = comma ? british : german
            let there = parse(text, other, currency)
            Property.check(there == .success(reading) && reading.currency == currency,
                           "\(text.debugDescription) in \(locale): ambiguous with \(reading), but in \(other) it is \(there)")
        case .failure(.tooManyDecimals(let allowed)):
            Property.check(allowed == currency.minorUnitDigits, "\(allowed) decimals allowed in \(currency)")
        case .failure(.empty), .failure(.notANumber), .failure(.notPositive):
            break
        }
    }
}
