import GRDB

/// Reads one row of a ledger table column by column. A value that does not convert (an unknown enum
/// value, a currency that is not ISO 4217, NULL for a non-optional field) throws a
/// `LedgerDecodingError` naming the table, the row's key and the column: never a default instead.
struct LedgerRowReader {
    let row: Row
    let table: String
    let keyColumn: String

    /// A reader of `row` of `table`, whose key is `keyColumn`.
    init(_ row: Row, table: String, key keyColumn: String = "id") {
        self.row = row
        self.table = table
        self.keyColumn = keyColumn
    }

    /// The value of `column` as `Value`.
    func callAsFunction<Value: DatabaseValueConvertible>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        let stored = try row.decode(DatabaseValue.self, forColumn: column)
        guard let value = Value.fromDatabaseValue(stored) else {
            throw LedgerDecodingError(table: table, row: rowDescription, column: column, value: stored.description)
        }
        return value
    }

    /// The row's key, as an error names it: "id 12".
    var rowDescription: String {
        let key = row.hasColumn(keyColumn) ? (row[keyColumn] as DatabaseValue).description : "?"
        return "\(keyColumn) \(key)"
    }
}
