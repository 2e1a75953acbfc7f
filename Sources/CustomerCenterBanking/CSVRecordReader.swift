/// Splits UTF-8 CSV bytes into records as RFC 4180 describes: fields separated by one delimiter byte,
/// records by LF, CRLF or CR; a field in double quotes may hold delimiters, line breaks and doubled
/// quotes (`""`). Spaces around a quoted field are tolerated, a quote inside an unquoted field is not.
struct CSVRecordReader {
    /// One record and the line it starts on.
    struct Record {
        let fields: [String]
        let line: Int
    }

    private let bytes: [UInt8]
    private let delimiter: UInt8
    private let file: String
    private var position = 0
    private var line = 1
    /// The header's column names, once known, to name the field in errors.
    var columnNames: [String] = []

    /// A reader over `bytes` (byte-order mark already removed) of `file`, splitting fields at `delimiter`.
    init(bytes: [UInt8], delimiter: UInt8, file: String) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.file = file
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// The next record, or nil at the end.
    mutating func next() throws(StatementError) -> Record? {
        guard position < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var inQuotes = false
        var quoteLine = line
        func finishField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field = []
            quoted = false
        }
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if inQuotes {
                if byte == Self.quote {
                    if position < bytes.count, bytes[position] == Self.quote {
                        field.append(Self.quote)
                        position += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == Self.lineFeed || (byte == Self.carriageReturn && bytes[safe: position] != Self.lineFeed) {
                        line += 1
                    }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case delimiter:
                finishField()
            case Self.lineFeed, Self.carriageReturn:
                if byte == Self.carriageReturn, bytes[safe: position] == Self.lineFeed { position += 1 }
                line += 1
                finishField()
                return Record(fields: fields, line: startLine)
            case Self.quote:
                // A quote may only open a field (after optional spaces).
                guard !quoted, field.allSatisfy(Self.isBlank) else {
                    throw failure(line: line, field: fields.count, .strayQuote)
                }
                field = []
                quoted = true
                inQuotes = true
                quoteLine = line
            default:
                if quoted, !Self.isBlank(byte) { throw failure(line: line, field: fields.count, .strayQuote) }
                if !quoted { field.append(byte) }
            }
        }
        if inQuotes { throw failure(line: quoteLine, field: fields.count, .unterminatedQuote) }
        finishField()
        return Record(fields: fields, line: startLine)
    }

    /// A syntax error at `line` in the 0-based `field` of a record.
    private func failure(line: Int, field: Int, _ reason: StatementError.Reason) -> StatementError {
        StatementError(file: file, line: line,
                       field: field < columnNames.count ? columnNames[field] : "field \(field + 1)", reason: reason)
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
}

extension Array where Element == UInt8 {
    /// The byte at `index`, or nil past the end.
    fileprivate subscript(safe index: Int) -> UInt8? { index < count ? self[index] : nil }
}
