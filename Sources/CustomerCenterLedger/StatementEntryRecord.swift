import CustomerCenterModel
import GRDB

/// One row of the `statementEntry` table: a credit imported from a bank statement, keyed by the
/// bank's own reference for it (account servicer reference), so that importing the same or an
/// overlapping statement again never books it twice.
public struct StatementEntryRecord: Hashable, Sendable, FetchableRecord, PersistableRecord {
    /// What became of the credit.
    public enum Outcome: String, Hashable, Sendable, CaseIterable, DatabaseValueConvertible {
        /// Matched a transfer, which waits for approval.
        case received
        /// Its transfer was approved and booked.
        case approved
        /// Its transfer was rejected.
        case rejected
        /// No known reference, or its account is gone: kept as an unmatched payment.
        case unmatched
        /// Matched, in another currency than the account: kept as a mismatched payment.
        case mismatch
    }

    public static let databaseTableName = "statementEntry"

    public var bankReference: String
    public var importedAt: Int
    public var file: String
    public var bookingDate: String
    /// In minor units of `currency`.
    public var amountMinor: Int
    public var currency: Currency
    public var payerName: String?
    public var remittance: String
    /// The RF reference it matched, compact.
    public var reference: String?
    public var outcome: Outcome
    public var transferID: Int64?
    public var paymentRowID: Int64?

    /// An entry with the given fields.
    public init(bankReference: String, importedAt: Int, file: String, bookingDate: String, amountMinor: Int, currency: Currency,
                payerName: String?, remittance: String, reference: String?, outcome: Outcome, transferID: Int64? = nil,
                paymentRowID: Int64? = nil) {
        self.bankReference = bankReference
        self.importedAt = importedAt
        self.file = file
        self.bookingDate = bookingDate
        self.amountMinor = amountMinor
        self.currency = currency
        self.payerName = payerName
        self.remittance = remittance
        self.reference = reference
        self.outcome = outcome
        self.transferID = transferID
        self.paymentRowID = paymentRowID
    }

    /// Read column by column; an unknown value throws, naming the row.
    public init(row: Row) throws {
        let read = LedgerRowReader(row, table: Self.databaseTableName, key: "bankReference")
        self.init(bankReference: try read("bankReference"), importedAt: try read("importedAt"), file: try read("file"),
                  bookingDate: try read("bookingDate"), amountMinor: try read("amountMinor"), currency: try read("currency"),
                  payerName: try read("payerName"), remittance: try read("remittance"), reference: try read("reference"),
                  outcome: try read("outcome"), transferID: try read("transferID"), paymentRowID: try read("paymentRowID"))
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["bankReference"] = bankReference
        container["importedAt"] = importedAt
        container["file"] = file
        container["bookingDate"] = bookingDate
        container["amountMinor"] = amountMinor
        container["currency"] = currency
        container["payerName"] = payerName
        container["remittance"] = remittance
        container["reference"] = reference
        container["outcome"] = outcome
        container["transferID"] = transferID
        container["paymentRowID"] = paymentRowID
    }

    /// The amount as money.
    public var amount: Money { Money(minorUnits: amountMinor, currency: currency) }
}
