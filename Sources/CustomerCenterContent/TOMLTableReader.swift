/// Reads typed fields from one TOML table and names the file and field in every error.
public struct TOMLTableReader: Sendable {
    /// The table's entries.
    public let values: [String: TOMLDocument.Value]
    /// The file, for errors.
    public let file: String
    /// The table's name as written in the file (`bank`), empty for the top level.
    public let tableName: String

    /// A reader over the top-level table of `document`.
    public init(_ document: TOMLDocument) {
        self.init(values: document.root, file: document.file, tableName: "")
    }

    init(values: [String: TOMLDocument.Value], file: String, tableName: String) {
        self.values = values
        self.file = file
        self.tableName = tableName
    }

    /// `[bank].iban` or `title`.
    public func fieldName(_ key: String) -> String {
        tableName.isEmpty ? key : "[\(tableName)].\(key)"
    }

    /// An error about `key` in this table.
    public func error(_ key: String, _ reason: String) -> ContentError {
        ContentError(file: file, field: fieldName(key), reason: reason)
    }

    /// The sub-table `key`; an empty table when missing and `required` is false.
    public func table(_ key: String, required: Bool = true) throws(ContentError) -> TOMLTableReader {
        let name = tableName.isEmpty ? key : "\(tableName).\(key)"
        switch values[key] {
        case .table(let table): return TOMLTableReader(values: table, file: file, tableName: name)
        case nil where !required: return TOMLTableReader(values: [:], file: file, tableName: name)
        case nil: throw ContentError(file: file, field: "[\(name)]", reason: "missing table [\(name)]")
        case let other?: throw error(key, "expected a table, found \(other.kindName)")
        }
    }

    /// The string `key`, trimmed; a missing or empty required string is an error.
    public func string(_ key: String) throws(ContentError) -> String {
        guard let value = try optionalString(key) else { throw error(key, "missing; it is required") }
        return value
    }

    /// The string `key`, or nil when absent or empty.
    public func optionalString(_ key: String) throws(ContentError) -> String? {
        switch values[key] {
        case nil: return nil
        case .string(let text):
            let trimmed = text.trimmingWhitespace()
            return trimmed.isEmpty ? nil : trimmed
        case let other?: throw error(key, "expected a string in quotes, found \(other.kindName)")
        }
    }

    /// The integer `key`, or `defaultValue` when absent.
    public func integer(_ key: String, default defaultValue: Int) throws(ContentError) -> Int {
        switch values[key] {
        case nil: return defaultValue
        case .integer(let value): return value
        case let other?: throw error(key, "expected a whole number, found \(other.kindName)")
        }
    }

    /// The boolean `key` (`true` or `false`), or `defaultValue` when absent.
    public func boolean(_ key: String, default defaultValue: Bool) throws(ContentError) -> Bool {
        switch values[key] {
        case nil: return defaultValue
        case .boolean(let value): return value
        case let other?: throw error(key, "expected true or false, found \(other.kindName)")
        }
    }

    /// A list of strings, or `defaultValue` when absent.
    public func strings(_ key: String, default defaultValue: [String]) throws(ContentError) -> [String] {
        switch values[key] {
        case nil: return defaultValue
        case .string(let single): return [single]
        case .array(let items):
            var result: [String] = []
            for item in items {
                guard case .string(let text) = item else {
                    throw error(key, "expected a list of strings, found \(item.kindName) in it")
                }
                result.append(text)
            }
            return result
        case let other?: throw error(key, "expected a list of strings, found \(other.kindName)")
        }
    }

    /// Every key of the table whose value is a string, for flat string tables (translations).
    public func allStrings() throws(ContentError) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in values {
            guard case .string(let text) = value else {
                throw error(key, "expected a string in quotes, found \(value.kindName)")
            }
            result[key] = text
        }
        return result
    }

    /// Keys present but not in `known`: a misspelt key is an error, not silently ignored.
    public func rejectUnknownKeys(_ known: Set<String>) throws(ContentError) {
        for key in values.keys.sorted() where !known.contains(key) {
            let list = known.sorted().joined(separator: ", ")
            throw error(key, "unknown key; expected one of: \(list)")
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        // Most values need no trimming: keep the string rather than copy it (every field of every
        // customer file passes here).
        if let first = scalars.first, let last = scalars.last, !first.properties.isWhitespace, !last.properties.isWhitespace {
            return self
        }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
