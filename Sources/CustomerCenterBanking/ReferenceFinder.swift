import CustomerCenterModel

/// Finds ISO 11649 RF creditor references in remittance information as people and banks write them:
/// with or without spaces, in lower case, broken across `Ustrd` lines, among other words
/// (`Verwendungszweck: rf18 5390 0754 7034 Danke`) and with punctuation around.
///
/// How candidates are found: the lines are joined, whitespace and hyphens are dropped, and the text is
/// cut into runs of ASCII letters and digits at every other character (so `(`, `:` or `,` end a
/// reference). Every `RF` followed by two digits in a run starts candidates of 5 to 25 characters.
/// Dropping spaces means a reference can absorb what follows it (`RF18 5390 0754 7034 2026` contains
/// `RF18539007547034` but also longer strings), and the check digits cannot tell which length the
/// payer meant: 1 in 97 of the longer strings validates by chance. So every candidate whose check digits
/// are right is returned, none whose are wrong, and the caller books against the first one its ledger
/// knows. Order: structured references first, then by position in the text, from each position the
/// longest valid candidate first (an exact match to a longer ledger reference beats its own prefix).
public enum ReferenceFinder {
    /// Every distinct valid reference in `structured` (e.g. `CdtrRefInf/Ref`) and then in the
    /// `unstructured` lines (joined first, since banks wrap long lines), most likely first.
    public static func references(structured: [String] = [], unstructured: [String] = []) -> [CreditorReference] {
        var found: [CreditorReference] = []
        var seen: Set<String> = []
        for text in structured + [unstructured.joined(separator: " ")] {
            for reference in references(in: text) where seen.insert(reference.value).inserted {
                found.append(reference)
            }
        }
        return found
    }

    /// Every distinct valid reference in one text, by position, longest first from each position.
    public static func references(in text: String) -> [CreditorReference] {
        var found: [CreditorReference] = []
        var seen: Set<String> = []
        for run in runs(in: text) where run.count >= 5 {
            for start in 0..<(run.count - 4) where startsReference(run, at: start) {
                let longest = min(run.count - start, 25)
                for length in stride(from: longest, through: 5, by: -1) {
                    let candidate = String(decoding: run[start..<(start + length)], as: UTF8.self)
                    if let reference = CreditorReference(candidate), seen.insert(reference.value).inserted {
                        found.append(reference)
                    }
                }
            }
        }
        return found
    }

    /// Upper-case ASCII letters and digits, whitespace and hyphens dropped, split at anything else.
    static func runs(in text: String) -> [[UInt8]] {
        var runs: [[UInt8]] = []
        var current: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A: current.append(UInt8(scalar.value))
            case 0x61...0x7A: current.append(UInt8(scalar.value - 0x20))
            case 0x2D: continue
            default:
                if scalar.properties.isWhitespace { continue }
                if !current.isEmpty { runs.append(current) }
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// `RF` and two digits at `start`.
    static func startsReference(_ run: [UInt8], at start: Int) -> Bool {
        run[start] == UInt8(ascii: "R") && run[start + 1] == UInt8(ascii: "F")
            && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(run[start + 2])
            && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(run[start + 3])
    }
}
