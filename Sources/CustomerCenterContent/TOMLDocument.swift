import CustomerCenterModel
import TOMLKit

/// A TOML file read into plain Swift values. The only file that imports TOMLKit.
public struct TOMLDocument: Sendable {
    /// One TOML value.
    public indirect enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int)
        case float(String)
        case boolean(Bool)
        case date(String)
        case array([Value])
        case table([String: Value])

        /// What a merchant would call this kind of value, for error messages.
        var kindName: String {
            switch self {
            case .string: "a string"
            case .integer: "an integer"
            case .float: "a decimal number"
            case .boolean: "true or false"
            case .date: "a date"
            case .array: "a list"
            case .table: "a table"
            }
        }
    }

    /// The top-level table.
    public let root: [String: Value]
    /// The file name used in error messages.
    public let file: String

    /// Parses `text`; a syntax error names `file` and the line.
    public init(text: String, file: String) throws(ContentError) {
        self.file = file
        // toml++ 3.4.0 aborts on these headers rather than report them (TOMLHeaderCheck).
        if let line = TOMLHeaderCheck.firstBrokenHeaderLine(text) {
            throw ContentError(file: file, line: line,
                               reason: "invalid TOML: Error while parsing table header: expected a bare key or a quoted key after '['")
        }
        do {
            let table = try TOMLTable(string: text)
            self.root = TOMLDocument.convert(table)
        } catch let error as TOMLParseError {
            throw ContentError(file: file, line: error.source.begin.line, reason: "invalid TOML: \(error.description)")
        } catch {
            throw ContentError(file: file, reason: "invalid TOML: \(error)")
        }
    }

    private static func convert(_ table: TOMLTable) -> [String: Value] {
        var result: [String: Value] = [:]
        for key in table.keys {
            if let value = table[key] { result[key] = convert(value) }
        }
        return result
    }

    private static func convert(_ value: TOMLValueConvertible) -> Value {
        switch value.type {
        case .table: return .table(value.table.map(convert) ?? [:])
        case .array: return .array(value.array.map { $0.map(convert) } ?? [])
        case .string: return .string(value.string ?? "")
        case .int: return .integer(value.int ?? 0)
        case .double: return .float(value.double.map { "\($0)" } ?? "")
        case .bool: return .boolean(value.bool ?? false)
        case .date:
            guard let date = value.date else { return .date("") }
            return .date(CalendarDate(year: date.year, month: date.month, day: date.day)?.description ?? "")
        case .time, .dateTime: return .date(value.tomlValue.debugDescription)
        }
    }
}

