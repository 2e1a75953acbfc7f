import CustomerCenterModel
import GRDB

/// One row of the `transferReference` table: an RF creditor reference handed out for a transfer
/// purpose. The reference is the primary key, so it is unique and never handed out twice.
public struct TransferReferenceRecord: Hashable, Sendable, FetchableRecord, PersistableRecord {
    /// What a reference was handed out for.
    public enum Purpose: String, Hashable, Sendable, CaseIterable, DatabaseValueConvertible {
        /// Top-ups of a prepaid account (permanent).
        case prepaid
        /// One invoice (permanent).
        case invoice
        /// One top-up request (one-off); its invoiceNumber column holds the reference itself, to keep
        /// the purpose unique.
        case request
    }

    public static let databaseTableName = "transferReference"

    /// `RF` + check digits + base, upper case, no spaces.
    public var reference: String
    public var purpose: Purpose
    public var customerID: String
    public var accountID: String
    /// "" for a prepaid account's reference (so the purpose is unique per account and invoice).
    public var invoiceNumber: String
    public var createdAt: Int

    /// A reference record with the given fields.
    public init(reference: String, purpose: Purpose, customerID: String, accountID: String, invoiceNumber: String, createdAt: Int) {
        self.reference = reference
        self.purpose = purpose
        self.customerID = customerID
        self.accountID = accountID
        self.invoiceNumber = invoiceNumber
        self.createdAt = createdAt
    }

    /// The permanent purpose, or nil for a top-up request's one-off reference.
    public var transferPurpose: TransferPurpose? {
        switch purpose {
        case .prepaid: .prepaid(accountID: accountID)
        case .invoice: .invoice(accountID: accountID, number: invoiceNumber)
        case .request: nil
        }
    }

    public enum Columns {
        static let reference = Column("reference")
        static let customerID = Column("customerID")
    }

    /// Read column by column; an unknown purpose throws, naming the row.
    public init(row: Row) throws {
        let read = LedgerRowReader(row, table: Self.databaseTableName, key: "reference")
        self.init(reference: try read("reference"), purpose: try read("purpose"), customerID: try read("customerID"),
                  accountID: try read("accountID"), invoiceNumber: try read("invoiceNumber"), createdAt: try read("createdAt"))
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["reference"] = reference
        container["purpose"] = purpose
        container["customerID"] = customerID
        container["accountID"] = accountID
        container["invoiceNumber"] = invoiceNumber
        container["createdAt"] = createdAt
    }
}
