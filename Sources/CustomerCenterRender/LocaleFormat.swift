import CustomerCenterModel
import Foundation

/// Number, money and date conventions of one locale, as printed on pages.
///
/// Written out rather than taken from ICU so that the output is the same on every machine and fast
/// enough to format millions of amounts (CLDR conventions for the locales the pages support).
public struct LocaleFormat: Sendable {
    enum SymbolPosition: Sendable { case before, beforeWithSpace, after }

    let decimalSeparator: String
    let groupSeparator: String
    let symbolPosition: SymbolPosition
    let dateStyle: DateStyle
    let language: String

    enum DateStyle: Sendable { case dotted, dayMonthYear, monthDayYear }

    private static let nbsp = "\u{00A0}"
    private static let shortMonthsEnglish = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The conventions for `locale`; German ones for `de-*`, British for `en` unless `en-US`.
    public init(_ locale: CustomerLocale) {
        language = locale.language
        switch (locale.language, locale.region) {
        case ("de", "CH"), ("de", "LI"):
            decimalSeparator = "."; groupSeparator = "’"; symbolPosition = .beforeWithSpace; dateStyle = .dotted
        case ("de", "AT"):
            decimalSeparator = ","; groupSeparator = LocaleFormat.nbsp; symbolPosition = .beforeWithSpace; dateStyle = .dotted
        case ("de", _):
            decimalSeparator = ","; groupSeparator = "."; symbolPosition = .after; dateStyle = .dotted
        case ("en", "US"):
            decimalSeparator = "."; groupSeparator = ","; symbolPosition = .before; dateStyle = .monthDayYear
        default:
            decimalSeparator = "."; groupSeparator = ","; symbolPosition = .before; dateStyle = .dayMonthYear
        }
    }

    /// `1.234,56 €` (de-DE), `€1,234.56` (en-GB), `-€5.00`; a no-break space keeps number and symbol together.
    public func money(_ amount: Money) -> String {
        // Built as UTF-8 bytes: a page formats dozens of amounts, and Character-wise string work
        // was a tenth of a build's CPU (measured).
        let currency = amount.currency
        let factor = UInt(currency.minorUnitsPerMajor)
        let absolute = amount.minorUnits.magnitude
        var number: [UInt8] = []
        number.reserveCapacity(32)
        let whole = Array(String(absolute / factor).utf8)
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { number.append(contentsOf: groupSeparator.utf8) }
            number.append(digit)
        }
        if currency.minorUnitDigits > 0 {
            number.append(contentsOf: decimalSeparator.utf8)
            let fraction = Array(String(absolute % factor).utf8)
            for _ in fraction.count ..< currency.minorUnitDigits { number.append(UInt8(ascii: "0")) }
            number.append(contentsOf: fraction)
        }
        let sign = amount.minorUnits < 0 ? "\u{2212}" : ""  // a true minus sign, as CLDR prints it
        let (symbol, symbolIsCode) = LocaleFormat.symbol(for: currency, language: language)
        let digits = String(decoding: number, as: UTF8.self)
        switch symbolPosition {
        case .after:
            return sign + digits + LocaleFormat.nbsp + symbol
        case .beforeWithSpace:
            return sign + symbol + LocaleFormat.nbsp + digits
        case .before:
            return sign + symbol + (symbolIsCode ? LocaleFormat.nbsp : "") + digits
        }
    }

    /// An amount as a customer would type it back into a form: `1362,96` (German), `1362.96`
    /// (English); no currency sign and no grouping, so it reads unambiguously.
    public func inputAmount(_ amount: Money) -> String {
        let plain = amount.decimalString
        guard decimalSeparator == "," else { return plain }
        return String(decoding: plain.utf8.map { $0 == UInt8(ascii: ".") ? UInt8(ascii: ",") : $0 }, as: UTF8.self)
    }

    /// `15.03.2025` (German), `15 Mar 2025` (British), `Mar 15, 2025` (American).
    public func date(_ date: CalendarDate) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(16)
        func number(_ value: Int, padded: Bool) {
            if padded, value < 10 { text.append(UInt8(ascii: "0")) }
            text.append(contentsOf: String(value).utf8)
        }
        let month = LocaleFormat.shortMonthsEnglish[date.month - 1].utf8
        switch dateStyle {
        case .dotted:
            number(date.day, padded: true); text.append(UInt8(ascii: "."))
            number(date.month, padded: true); text.append(UInt8(ascii: "."))
            number(date.year, padded: false)
        case .dayMonthYear:
            number(date.day, padded: false); text.append(contentsOf: LocaleFormat.nbsp.utf8)
            text.append(contentsOf: month); text.append(contentsOf: LocaleFormat.nbsp.utf8)
            number(date.year, padded: false)
        case .monthDayYear:
            text.append(contentsOf: month); text.append(contentsOf: LocaleFormat.nbsp.utf8)
            number(date.day, padded: false); text.append(contentsOf: ", ".utf8)
            number(date.year, padded: false)
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The currency's sign and whether this locale writes it before the number (`€ 20` in de-AT,
    /// `20 €` in de-DE): what a money field shows beside it.
    public func currencySign(_ currency: Currency) -> (text: String, before: Bool) {
        (LocaleFormat.symbol(for: currency, language: language).0, symbolPosition != .after)
    }

    /// The currency's sign as printed, and whether it is a code (`CHF`) that needs a space.
    static func symbol(for currency: Currency, language: String) -> (String, isCode: Bool) {
        switch currency.code {
        case "EUR": ("€", false)
        case "GBP": ("£", false)
        case "USD": ("$", false)
        case "JPY": ("¥", false)
        default: (currency.code, true)
        }
    }
}
