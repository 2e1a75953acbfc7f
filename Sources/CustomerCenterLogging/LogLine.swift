import Logging

/// One log entry as one line of text: `<time> <level> <label>: <message> key=value ...`.
///
/// Every value is escaped, so nothing a client sends (an event id, a provider name, a field from a
/// body) can start a second line, hide text with control characters, or make the log binary: line
/// breaks, NUL and other C0/C1 controls, DEL, the Unicode line and paragraph separators and the
/// bidirectional overrides become visible escapes (`\n`, `\u{0}`, `\u{202E}`). A value with a space,
/// a quote, `=` or an escape is quoted (`reason="body of 70000 bytes"`), logfmt style, so every
/// `key=value` pair reads back unambiguously. Keys are sorted, for stable lines.
public enum LogLine {
    /// The line for one entry, without the final newline.
    public static func format(time: String, level: Logger.Level, label: String, message: String,
                              metadata: Logger.Metadata) -> String {
        var line = "\(time) \(level) \(escaped(label)): \(escaped(message))"
        for key in metadata.keys.sorted() {
            guard let value = metadata[key] else { continue }
            line += " \(escaped(key))=\(quotedIfNeeded(render(value)))"
        }
        return line
    }

    /// `text` with every character that could break or disguise a line escaped.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\\": out += "\\\\"
            default:
                if needsEscape(scalar) {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// The escaped value, in double quotes when it holds a space, a quote, `=` or nothing at all.
    static func quotedIfNeeded(_ value: String) -> String {
        let text = escaped(value)
        let plain = !text.isEmpty && !text.unicodeScalars.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" }
        return plain ? text : "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Metadata values flattened to text (lists and dictionaries as `[a, b]` and `[k: v]`).
    static func render(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): "[" + values.map(render).joined(separator: ", ") + "]"
        case .dictionary(let values):
            "[" + values.keys.sorted().map { "\($0): \(values[$0].map(render) ?? "")" }.joined(separator: ", ") + "]"
        }
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F..<0xA0: true  // C0 and C1 controls, DEL
        case 0x2028, 0x2029: true  // line and paragraph separators
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true  // bidirectional controls
        case 0xFEFF: true  // byte order mark
        default: false
        }
    }
}
