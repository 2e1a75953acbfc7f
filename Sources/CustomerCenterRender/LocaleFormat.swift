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
        let currency = amount.currency
        let factor = currency.minorUnitsPerMajor
        let absolute = amount.minorUnits.magnitude
        let whole = grouped(String(absolute / UInt(factor)))
        var number = whole
        if currency.minorUnitDigits > 0 {
            var fraction = String(absolute % UInt(factor))
            while fraction.count < currency.minorUnitDigits { fraction = "0" + fraction }
            number += decimalSeparator + fraction
        }
        let sign = amount.minorUnits < 0 ? "\u{2212}" : ""  // a true minus sign, as CLDR prints it
        let symbol = LocaleFormat.symbol(for: currency, language: language)
        let symbolIsCode = symbol.count > 1 && symbol.allSatisfy { $0.isLetter }
        switch symbolPosition {
        case .after:
            return sign + number + LocaleFormat.nbsp + symbol
        case .beforeWithSpace:
            return sign + symbol + LocaleFormat.nbsp + number
        case .before:
            return sign + symbol + (symbolIsCode ? LocaleFormat.nbsp : "") + number
        }
    }

    /// An amount as a customer would type it back into a form: `1362,96` (German), `1362.96`
    /// (English); no currency sign and no grouping, so it reads unambiguously.
    public func inputAmount(_ amount: Money) -> String {
        let plain = amount.decimalString
        return decimalSeparator == "," ? plain.replacingOccurrences(of: ".", with: ",") : plain
    }

    /// `15.03.2025` (German), `15 Mar 2025` (British), `Mar 15, 2025` (American).
    public func date(_ date: CalendarDate) -> String {
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        switch dateStyle {
        case .dotted: return "\(pad(date.day)).\(pad(date.month)).\(date.year)"
        case .dayMonthYear: return "\(date.day)\(LocaleFormat.nbsp)\(LocaleFormat.shortMonthsEnglish[date.month - 1])\(LocaleFormat.nbsp)\(date.year)"
        case .monthDayYear: return "\(LocaleFormat.shortMonthsEnglish[date.month - 1])\(LocaleFormat.nbsp)\(date.day), \(date.year)"
        }
    }

    private func grouped(_ digits: String) -> String {
        guard digits.count > 3 else { return digits }
        var out = ""
        for (index, char) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += groupSeparator }
            out.append(char)
        }
        return out
    }

    static func symbol(for currency: Currency, language: String) -> String {
        switch currency.code {
        case "EUR": "€"
        case "GBP": "£"
        case "USD": "$"
        case "JPY": "¥"
        default: currency.code
        }
    }
}
