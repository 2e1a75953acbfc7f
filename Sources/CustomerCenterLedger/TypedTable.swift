import GRDB

/// A table as migration v8 rebuilds it: its columns in SQL, as earlier migrations made them, plus a
/// CHECK constraint on every column that holds a Swift enum or a currency, listing the values allowed.
/// The definitions are part of the migration and, like it, never edited once shipped.
struct TypedTable: Sendable {
    /// One column: its SQL definition and, for an enum column, the values it allows.
    struct Column: Sendable {
        let name: String
        /// Type and constraints as earlier migrations wrote them ("TEXT NOT NULL").
        let definition: String
        /// The values a CHECK allows; nil for a column that holds no enum.
        let allowed: [String]?

        init(_ name: String, _ definition: String, allowed: [String]? = nil) {
            self.name = name
            self.definition = definition
            self.allowed = allowed
        }

        /// The column's SQL, with its CHECK constraint when it holds an enum.
        var sql: String {
            guard let allowed else { return "\(name.quotedDatabaseIdentifier) \(definition)" }
            return "\(name.quotedDatabaseIdentifier) \(definition) CHECK (\(name.quotedDatabaseIdentifier) IN (\(allowed.map(\.quotedDatabaseText).joined(separator: ", "))))"
        }
    }

    let name: String
    /// The key errors name a row by ("id").
    let key: String
    let columns: [Column]
    /// Table constraints (`UNIQUE (...)`) as earlier migrations wrote them.
    let constraints: [String]

    init(_ name: String, key: String = "id", _ columns: [Column], constraints: [String] = []) {
        self.name = name
        self.key = key
        self.columns = columns
        self.constraints = constraints
    }

    /// The `CREATE TABLE` statement of this table under the name `tableName`.
    func createStatement(named tableName: String) -> String {
        let parts = columns.map(\.sql) + constraints
        return "CREATE TABLE \(tableName.quotedDatabaseIdentifier) (\n    " + parts.joined(separator: ",\n    ") + "\n)"
    }

    /// The enum columns and the values each allows.
    var restricted: [(column: String, allowed: [String])] {
        columns.compactMap { column in column.allowed.map { (column.name, $0) } }
    }
}

private extension String {
    /// The text as an SQL string literal: in single quotes, inner ones doubled.
    var quotedDatabaseText: String { "'" + replacingOccurrences(of: "'", with: "''") + "'" }
}
