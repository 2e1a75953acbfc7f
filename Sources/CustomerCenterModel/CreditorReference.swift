/// An ISO 11649 structured creditor reference: `RF`, two check digits (mod 97), and up to 21 letters
/// and digits. Banks carry it in the structured remittance field, so a transfer matches exactly.
public struct CreditorReference: Hashable, Sendable, CustomStringConvertible {
    /// The electronic form, upper case, no spaces: `RF18539007547034`.
    public let value: String

    /// The reference for `base` (1...21 letters and digits, any case), with its check digits.
    public init?(base: String) {
        let normalized = base.uppercased()
        guard (1...21).contains(normalized.count), normalized.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        let remainder = CreditorReference.mod97(normalized + "RF00")
        let check = 98 - remainder
        value = "RF" + (check < 10 ? "0" : "") + String(check) + normalized
    }

    /// Parses a reference as people write it: with or without spaces, any case. Nil when the shape or
    /// the check digits are wrong.
    public init?(_ text: String) {
        let compact = text.filter { !$0.isWhitespace }.uppercased()
        guard compact.count >= 5, compact.count <= 25, compact.hasPrefix("RF"),
              compact.dropFirst(2).prefix(2).allSatisfy({ $0.isASCII && $0.isNumber }),
              compact.dropFirst(4).allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        let rearranged = String(compact.dropFirst(4)) + String(compact.prefix(4))
        guard CreditorReference.mod97(rearranged) == 1 else { return nil }
        value = compact
    }

    /// The part after `RF` and the check digits.
    public var base: String { String(value.dropFirst(4)) }

    /// Groups of four for printing: `RF18 5390 0754 7034`.
    public var printed: String {
        var out = ""
        for (index, char) in value.enumerated() {
            if index > 0, index % 4 == 0 { out.append(" ") }
            out.append(char)
        }
        return out
    }

    public var description: String { value }

    /// ISO 7064 mod 97-10 of letters (A=10 … Z=35) and digits, computed piecewise.
    static func mod97(_ text: String) -> Int {
        var remainder = 0
        for char in text.unicodeScalars {
            let value = Int(char.value)
            switch value {
            case 48...57: remainder = (remainder * 10 + value - 48) % 97
            case 65...90: remainder = (remainder * 100 + value - 55) % 97
            default: return -1
            }
        }
        return remainder
    }
}
