import CustomerCenterLedger
import CustomerCenterModel
import Foundation
import PostgresNIO

/// A value a ledger column holds, read from PostgreSQL's cell; nil when the stored value stands for
/// no Swift value (an unknown enum value, a currency that is not ISO 4217, NULL where one is required).
protocol StoredValue {
    static func read(_ cell: PostgresCell) -> Self?
}

extension String: StoredValue {
    static func read(_ cell: PostgresCell) -> String? { try? cell.decode(String.self) }
}

extension Int: StoredValue {
    static func read(_ cell: PostgresCell) -> Int? { try? cell.decode(Int.self) }
}

extension Int64: StoredValue {
    static func read(_ cell: PostgresCell) -> Int64? { try? cell.decode(Int64.self) }
}

extension Data: StoredValue {
    static func read(_ cell: PostgresCell) -> Data? { try? cell.decode(Data.self) }
}

extension Optional: StoredValue where Wrapped: StoredValue {
    static func read(_ cell: PostgresCell) -> Wrapped?? {
        guard cell.bytes != nil else { return .some(nil) }
        return Wrapped.read(cell).map { .some($0) }
    }
}

/// Enums stored as their raw value.
protocol StoredRawValue: StoredValue, RawRepresentable where RawValue == String {}

extension StoredRawValue {
    static func read(_ cell: PostgresCell) -> Self? { String.read(cell).flatMap(Self.init(rawValue:)) }
}

extension Currency: StoredValue {
    static func read(_ cell: PostgresCell) -> Currency? { String.read(cell).flatMap { Currency(code: $0) } }
}

extension PaymentEvent.Kind: StoredRawValue {}
extension PaymentEvent.Purpose: StoredRawValue {}
extension Payment.Method: StoredRawValue {}
extension CheckoutStatus: StoredRawValue {}
extension TransferStatus: StoredRawValue {}
extension LedgerPayment.Status: StoredRawValue {}
extension LedgerEvent.Outcome: StoredRawValue {}
extension TransferRecord.Kind: StoredRawValue {}
extension TransferReferenceRecord.Purpose: StoredRawValue {}
extension StatementEntryRecord.Outcome: StoredRawValue {}
extension OutgoingEmail.Kind: StoredRawValue {}
extension OutgoingEmail.Status: StoredRawValue {}
extension RefundReport.Kind: StoredRawValue {}

/// Reads one row column by column, as `LedgerRowReader` does for SQLite: a value that does not
/// convert throws a `LedgerDecodingError` naming the table, the row's key and the column. Column
/// names are the schema's (camelCase); PostgreSQL returns them folded to lower case.
struct PostgresRowReader {
    let row: PostgresRandomAccessRow
    let table: String
    let keyColumn: String

    init(_ row: PostgresRandomAccessRow, table: String, key keyColumn: String = "id") {
        self.row = row
        self.table = table
        self.keyColumn = keyColumn
    }

    func callAsFunction<Value: StoredValue>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        let name = column.lowercased()
        guard row.contains(name) else {
            throw LedgerDecodingError(table: table, row: rowDescription, column: column, value: "no such column")
        }
        let cell = row[name]
        guard let value = Value.read(cell) else {
            throw LedgerDecodingError(table: table, row: rowDescription, column: column, value: PostgresRowReader.shown(cell))
        }
        return value
    }

    /// The row's key as errors name it: "id 12".
    var rowDescription: String {
        let name = keyColumn.lowercased()
        guard row.contains(name) else { return "\(keyColumn) ?" }
        let cell = row[name]
        return "\(keyColumn) \(PostgresRowReader.shown(cell))"
    }

    /// A stored value as SQL shows it: 'text', a number, NULL.
    static func shown(_ cell: PostgresCell) -> String {
        guard cell.bytes != nil else { return "NULL" }
        if let number = try? cell.decode(Int64.self) { return "\(number)" }
        if let text = try? cell.decode(String.self) { return "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        return "a value of type \(cell.dataType)"
    }
}
