import GRDB

/// One row of the `allocation` table: how much of a booking went to an invoice (or, with no invoice,
/// to credit). A refund's rows are negative: they reopen what its payment had settled.
public struct LedgerAllocation: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "allocation"

    public var id: Int64?
    public var paymentRowID: Int64
    public var invoiceNumber: String?
    public var amountMinor: Int

    public enum Columns {
        static let paymentRowID = Column(CodingKeys.paymentRowID)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension LedgerAllocation {
    /// An allocation row with the given fields (for other engines of the ledger API).
    package init(row id: Int64?, payment paymentRowID: Int64, invoice invoiceNumber: String?, amount amountMinor: Int) {
        self.id = id
        self.paymentRowID = paymentRowID
        self.invoiceNumber = invoiceNumber
        self.amountMinor = amountMinor
    }
}

extension LedgerAllocation: PreparedInsert {
    static let insertedColumns = ["paymentRowID", "invoiceNumber", "amountMinor"]
    static let insertSQL = insertStatement(into: databaseTableName, insertedColumns)

    var insertedValues: [(any DatabaseValueConvertible)?] { [paymentRowID, invoiceNumber, amountMinor] }

    /// Column by column, as inserted (`PreparedInsert`), rather than through Codable.
    public func encode(to container: inout PersistenceContainer) throws {
        encodeColumns(to: &container)
    }
}
