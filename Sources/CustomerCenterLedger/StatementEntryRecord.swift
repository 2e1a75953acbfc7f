import GRDB

/// One row of the `statementEntry` table: a credit imported from a bank statement, keyed by the
/// bank's own reference for it (account servicer reference), so that importing the same or an
/// overlapping statement again never books it twice.
public struct StatementEntryRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "statementEntry"

    public var bankReference: String
    public var importedAt: Int
    public var file: String
    public var bookingDate: String
    public var amountMinor: Int
    public var currency: String
    public var payerName: String?
    public var remittance: String
    /// The RF reference it matched, compact.
    public var reference: String?
    /// `received`, `approved`, `unmatched`, `mismatch`, `closed` (matched a transfer already decided).
    public var outcome: String
    public var transferID: Int64?
    public var paymentRowID: Int64?
}
