import Foundation

/// The entry point for bank statements: reads a file and picks the parser by content, not by name:
/// XML (after an optional byte-order mark and whitespace, the first character is `<`) goes to
/// `CAMTStatementParser`, a first line with `,` or `;` to `CSVStatementParser`.
public enum StatementParser {
    /// The statement in the file at `path`.
    public static func read(path: String) throws(StatementError) -> BankStatement {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw StatementError(file: path, reason: .unreadable("no such file"))
        }
        guard !isFolder.boolValue else { throw StatementError(file: path, reason: .unreadable("it is a folder")) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw StatementError(file: path, reason: .unreadable(error.localizedDescription))
        }
        return try parse(data, path: path)
    }

    /// The statement in `data`, read from `path` (named in errors).
    public static func parse(_ data: Data, path: String) throws(StatementError) -> BankStatement {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let first = bytes.firstIndex(where: { !CSVStatementParser.isWhitespace($0) }) else {
            throw StatementError(file: path, reason: .empty)
        }
        if bytes[first] == UInt8(ascii: "<") { return try CAMTStatementParser.parse(data, path: path) }
        // A CSV header is text with a delimiter; a NUL byte means binary (a PDF, a ZIP).
        let firstLine = bytes[first...].prefix { $0 != UInt8(ascii: "\n") }
        if !firstLine.contains(0), firstLine.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") }) {
            return try CSVStatementParser.parse(data, path: path)
        }
        throw StatementError(file: path, reason: .unknownFormat)
    }
}
