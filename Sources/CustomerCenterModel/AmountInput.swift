/// Reads an amount a customer typed into a pay form, the way people write money in their locale:
/// `44,20` or `1.234,56` in German, `44.20` or `1,234.56` in English; a currency sign may stand
/// before or after. Ambiguous or foreign spellings are refused with a hint rather than guessed:
/// in a German form `44.20` could mean 4,420.
public enum AmountInput {
    /// Why the text is not an amount.
    public enum Problem: Error, Equatable, Sendable {
        case empty
        case notANumber
        /// Written with the other locale's decimal mark; `suggestion` is how to write it here.
        case wrongFormat(suggestion: String)
        case tooManyDecimals(allowed: Int)
        case notPositive
    }

    /// The amount in `text` for a customer of `locale`, in `currency`.
    public static func parse(_ text: String, locale: CustomerLocale, currency: Currency) throws(Problem) -> Money {
        var cleaned = trimmed(text)
        for sign in ["€", "£", "$", "¥", currency.code, currency.code.lowercased()] {
            if cleaned.hasPrefix(sign) { cleaned = String(cleaned.dropFirst(sign.count)) }
            if cleaned.hasSuffix(sign) { cleaned = String(cleaned.dropLast(sign.count)) }
        }
        cleaned = trimmed(cleaned)
        guard !cleaned.isEmpty else { throw .empty }
        if cleaned.hasPrefix("-") || cleaned.hasPrefix("\u{2212}") { throw .notPositive }
        guard cleaned.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }) else { throw .notANumber }

        let usesComma = decimalComma(locale)
        return try number(cleaned, decimalMark: usesComma ? "," : ".", groupMark: usesComma ? "." : ",", currency: currency)
    }

    /// `cleaned` (digits, `,` and `.` only) as an amount written with these marks.
    static func number(_ cleaned: String, decimalMark: Character, groupMark: Character, currency: Currency) throws(Problem) -> Money {
        var whole = cleaned
        var fraction = ""
        if let mark = cleaned.lastIndex(of: decimalMark) {
            whole = String(cleaned[..<mark])
            fraction = String(cleaned[cleaned.index(after: mark)...])
            guard !fraction.contains(groupMark), !fraction.contains(decimalMark), !fraction.isEmpty else { throw .notANumber }
        } else if let mark = cleaned.lastIndex(of: groupMark), cleaned.distance(from: mark, to: cleaned.endIndex) - 1 != 3 {
            // "44.20" in a German form: the other locale's decimal mark, not a thousands separator. The
            // hint is given only where the text is a number with the other marks: "12,34,56" or "."
            // is none anywhere, and a hint would guess one.
            do {
                _ = try number(cleaned, decimalMark: groupMark, groupMark: decimalMark, currency: currency)
            } catch {
                if error == .notANumber { throw .notANumber }
            }
            throw .wrongFormat(suggestion: String(cleaned[..<mark]) + String(decimalMark) + String(cleaned[cleaned.index(after: mark)...]))
        }
        // Thousands separators must stand in groups of three.
        let groups = whole.split(separator: groupMark, omittingEmptySubsequences: false)
        guard !groups.isEmpty, groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isNumber } }),
              groups.dropFirst().allSatisfy({ $0.count == 3 }), groups[0].count <= (groups.count > 1 ? 3 : 15) else {
            throw .notANumber
        }
        guard fraction.count <= currency.minorUnitDigits else { throw .tooManyDecimals(allowed: currency.minorUnitDigits) }
        let plain = groups.joined() + (fraction.isEmpty ? "" : "." + fraction)
        guard let amount = try? Money.parse(plain, currency: currency) else { throw .notANumber }
        guard amount.isPositive else { throw .notPositive }
        return amount
    }

    /// True where the decimal mark is a comma (German-speaking locales except Switzerland).
    static func decimalComma(_ locale: CustomerLocale) -> Bool {
        locale.language == "de" && locale.region != "CH" && locale.region != "LI"
    }

    static func trimmed(_ text: String) -> String {
        let blanks: Set<Character> = [" ", "\t", "\u{00A0}", "\u{202F}"]
        return String(text.drop(while: { blanks.contains($0) }).reversed().drop(while: { blanks.contains($0) }).reversed())
    }
}
