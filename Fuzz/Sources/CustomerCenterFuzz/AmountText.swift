import CustomerCenterModel

/// Writes an amount the way a customer of a locale would type it: the oracle of the amount target.
enum AmountText {
    /// Whether the locale writes a decimal comma (German, except Switzerland and Liechtenstein),
    /// as the pages print amounts (docs/content-format.md).
    static func decimalComma(_ locale: CustomerLocale) -> Bool {
        locale.language == "de" && locale.region != "CH" && locale.region != "LI"
    }

    /// `1234,56` or `1.234,56` (grouped) for a decimal comma, `1234.56` or `1,234.56` otherwise,
    /// with `sign` before or after.
    static func write(_ amount: Money, decimalComma: Bool, grouped: Bool, sign: String = "", signAfter: Bool = false) -> String {
        let decimal = amount.decimalString
        let parts = decimal.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        if grouped {
            var out = ""
            for (index, digit) in whole.enumerated() {
                if index > 0, (whole.count - index) % 3 == 0 { out.append(decimalComma ? "." : ",") }
                out.append(digit)
            }
            whole = out
        }
        let number = parts.count == 2 ? whole + (decimalComma ? "," : ".") + parts[1] : whole
        return signAfter ? number + sign : sign + number
    }
}
