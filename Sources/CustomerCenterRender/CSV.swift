/// RFC 4180 CSV rows: fields with a comma, quote or line break are quoted, quotes doubled; CRLF ends a row.
/// Checked scalar by scalar: a quote or comma followed by a combining mark is one `Character` in Swift
/// but still a quote or comma to every CSV reader (found by fuzzing the statement reader's twin).
/// Used for `links`, the statement of account and `aging`.
public enum CSV {
    /// One row, CRLF included.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field, quoted when it must be.
    public static func field(_ value: String) -> String {
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

    /// Free text for a spreadsheet: a text starting with `=`, `+`, `-`, `@`, a tab or a carriage
    /// return gets a leading `'`, so Excel or LibreOffice shows it instead of running it as a formula
    /// (OWASP's CSV injection advice). Numbers are written by us and never pass through here.
    public static func text(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }
}
