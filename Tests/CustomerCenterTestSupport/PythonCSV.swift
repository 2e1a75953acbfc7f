import Foundation

/// A CSV file as Python's `csv` module reads it (strict RFC 4180 dialect), for tests that check what a
/// spreadsheet program would see rather than what our writer meant.
public struct PythonCSV: Sendable {
    /// Whether the file starts with a UTF-8 byte order mark.
    public var hasByteOrderMark: Bool
    /// Whether every record ends with CRLF (and nothing else ends a line outside quotes).
    public var crlfOnly: Bool
    /// The records, the header first.
    public var rows: [[String]]

    /// Reads `path` with `python3`'s csv module.
    public init(path: String) throws {
        let script = """
            import csv, io, json, sys
            data = open(sys.argv[1], "rb").read()
            bom = data.startswith(b"\\xef\\xbb\\xbf")
            text = data.decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
            # Every physical record end is CRLF: no bare LF or CR outside a quoted field.
            unquoted = "".join(part for index, part in enumerate(text.split('"')) if index % 2 == 0)
            crlf = unquoted.count("\\r\\n") == len(rows) and unquoted.replace("\\r\\n", "").count("\\n") == 0 and unquoted.replace("\\r\\n", "").count("\\r") == 0
            print(json.dumps({"bom": bom, "crlf": crlf, "rows": rows}))
            """
        let result = try ToolRun("/usr/bin/env", ["python3", "-c", script, path])
        guard result.status == 0 else { throw ToolFailure("python3's csv module refused \(path): \(result.errorText)") }
        struct Parsed: Decodable { var bom: Bool; var crlf: Bool; var rows: [[String]] }
        let parsed = try JSONDecoder().decode(Parsed.self, from: Data(result.output))
        hasByteOrderMark = parsed.bom
        crlfOnly = parsed.crlf
        rows = parsed.rows
    }
}
