/// A stored value that no Swift value stands for: an enum value the code does not know, a currency
/// that is not ISO 4217, a NULL where a value is required. Names the table, the row and the column,
/// never other payment data. Decoding never falls back to a default instead.
public struct LedgerDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The table read ("payment").
    public var table: String
    /// The row's key as SQL shows it ("id 12", "bankReference 'B1'").
    public var row: String
    /// The column that holds the value ("kind").
    public var column: String
    /// The stored value as SQL shows it ("'gift'", "NULL").
    public var value: String

    /// The error for `value` in `column` of `row` in `table`.
    public init(table: String, row: String, column: String, value: String) {
        self.table = table
        self.row = row
        self.column = column
        self.value = value
    }

    public var description: String { "table \(table), row \(row), column \(column): unknown value \(value)" }
}
