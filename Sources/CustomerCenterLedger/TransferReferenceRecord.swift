import GRDB

/// One row of the `transferReference` table: an RF creditor reference handed out for a transfer
/// purpose. The reference is the primary key, so it is unique and never handed out twice.
public struct TransferReferenceRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "transferReference"

    /// `RF` + check digits + base, upper case, no spaces.
    public var reference: String
    /// `prepaid` or `invoice` (top-up requests follow with the transfer flow).
    public var purpose: String
    public var customerID: String
    public var accountID: String
    /// "" for a prepaid account's reference (so the purpose is unique per account and invoice).
    public var invoiceNumber: String
    public var createdAt: Int

    public enum Columns {
        static let reference = Column(CodingKeys.reference)
        static let customerID = Column(CodingKeys.customerID)
    }
}
