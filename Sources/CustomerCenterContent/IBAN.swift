/// International Bank Account Numbers (ISO 13616): normalising and checking the mod-97 check digits.
public enum IBAN {
    /// Upper case, spaces removed.
    public static func normalize(_ text: String) -> String {
        String(text.uppercased().filter { !$0.isWhitespace })
    }

    /// True for 15 to 34 characters, a country code, two digits, and a mod-97 remainder of 1.
    public static func isValid(_ iban: String) -> Bool {
        let chars = Array(iban.utf8)
        guard (15...34).contains(chars.count),
              chars[0...1].allSatisfy({ $0 >= 65 && $0 <= 90 }),
              chars[2...3].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        var remainder = 0
        for char in chars[4...] + chars[0..<4] {
            switch char {
            case 48...57: remainder = (remainder * 10 + Int(char - 48)) % 97
            case 65...90: remainder = (remainder * 100 + Int(char - 55)) % 97
            default: return false
            }
        }
        return remainder == 1
    }

    /// Groups of four for printing: `DE89 3704 0044 0532 0130 00`.
    public static func grouped(_ iban: String) -> String {
        var out = ""
        for (index, char) in iban.enumerated() {
            if index > 0, index % 4 == 0 { out.append(" ") }
            out.append(char)
        }
        return out
    }
}
