/// RFC 4180 CSV rows: fields with a comma, quote or line break are quoted, quotes doubled; CRLF ends a row.
/// Checked scalar by scalar: a quote or comma followed by a combining mark is one `Character` in Swift
/// but still a quote or comma to every CSV reader (found by fuzzing the statement reader's twin).
enum CSV {
    static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in value.unicodeScalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return String(quoted)
    }
}
