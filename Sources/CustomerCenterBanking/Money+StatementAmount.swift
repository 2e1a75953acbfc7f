import CustomerCenterModel

extension Money {
    /// Parses an amount as statements write it, exactly (no floating point).
    /// - `decimalComma`: a `,` may stand for the decimal point (CSV from German banks: `1234,56`);
    ///   a text with both `.` and `,` is refused, since thousands separators make `1.234` ambiguous.
    /// - Trailing zeros beyond the currency's digits are dropped (`50.000` EUR is 50.00, as
    ///   xs:decimal allows); any other extra digit is an error, never a rounding.
    static func statementAmount(_ text: String, currency: Currency, decimalComma: Bool) throws(Money.ParseError) -> Money {
        var text = text
        if decimalComma, text.contains(",") {
            guard !text.contains(".") else { throw .invalidCharacter(text) }
            text = String(text.map { $0 == "," ? "." : $0 })
        }
        if let dot = text.firstIndex(of: ".") {
            var fractionLength = text.distance(from: dot, to: text.endIndex) - 1
            while fractionLength > currency.minorUnitDigits, text.last == "0" {
                text.removeLast()
                fractionLength -= 1
            }
            if fractionLength == 0, currency.minorUnitDigits == 0 { text.removeLast() }
        }
        return try Money.parse(text, currency: currency)
    }
}

