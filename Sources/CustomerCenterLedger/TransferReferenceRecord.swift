import CustomerCenterModel
import GRDB

/// One row of the `transferReference` table: an RF creditor reference handed out for a transfer
/// purpose. The reference is the primary key, so it is unique and never handed out twice.
public struct TransferReferenceRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "transferReference"

    /// `RF` + check digits + base, upper case, no spaces.
    public var reference: String
    /// `prepaid`, `invoice`, or `request` (a top-up request's fresh reference; its invoiceNumber
    /// column holds the reference itself, to keep the purpose unique).
    public var purpose: String
    public var customerID: String
    public var accountID: String
    /// "" for a prepaid account's reference (so the purpose is unique per account and invoice).
    public var invoiceNumber: String
    public var createdAt: Int

    static let requestPurpose = "request"

    /// The permanent purpose, or nil for a top-up request's one-off reference.
    public var transferPurpose: TransferPurpose? {
        switch purpose {
        case "prepaid": .prepaid(accountID: accountID)
        case "invoice": .invoice(accountID: accountID, number: invoiceNumber)
        default: nil
        }
    }

    public enum Columns {
        static let reference = Column(CodingKeys.reference)
        static let customerID = Column(CodingKeys.customerID)
    }
}
