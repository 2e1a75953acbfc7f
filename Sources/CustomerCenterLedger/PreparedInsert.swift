import GRDB

/// A record that every booking writes (payment, allocation, event), inserted through one statement
/// prepared per connection with its values in column order. GRDB's generic `insert` built a
/// persistence container and looked the SQL up for every row: a sixth of a group commit's CPU. The
/// record's `encode(to:)` writes the same two lists, so the prepared INSERT and GRDB's own
/// persistence cannot drift apart.
protocol PreparedInsert: MutablePersistableRecord {
    /// The row id, nil until inserted.
    var id: Int64? { get set }
    /// Every column but `id`, in the order of `insertedValues`.
    static var insertedColumns: [String] { get }
    /// `INSERT INTO table (insertedColumns) VALUES (?, …)`, built once per type.
    static var insertSQL: String { get }
    /// The values of `insertedColumns`, in their order.
    var insertedValues: [(any DatabaseValueConvertible)?] { get }
}

extension PreparedInsert {
    /// The INSERT statement of `columns` into `table` (for `insertSQL`).
    static func insertStatement(into table: String, _ columns: [String]) -> String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }

    /// `id` and `insertedColumns` into `container` (the body of `encode(to:)`).
    func encodeColumns(to container: inout PersistenceContainer) {
        container["id"] = id
        for (column, value) in zip(Self.insertedColumns, insertedValues) { container[column] = value }
    }

    /// Inserts a new row (its `id` nil) through the prepared statement and sets `id`; a row that has an
    /// id already goes through GRDB's insert, which writes it too.
    mutating func insertPrepared(_ db: Database) throws {
        guard id == nil else { return try insert(db) }
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: StatementArguments(insertedValues))
        id = db.lastInsertedRowID
    }
}
