import CustomerCenterModel
import GRDB

/// One row of the `payment` table: a payment or refund as the ledger holds it.
public struct LedgerPayment: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// Where a ledger entry stands.
    public enum Status: String, Codable, Hashable, Sendable {
        /// Booked to an account.
        case booked
        /// Customer, account or invoice unknown: kept, listed by `unmatched`, booked later by `assign`.
        case unmatched
        /// The currency differs from the account's: kept, never booked as if it matched.
        case mismatch
        /// A refund whose payment has not arrived yet.
        case waiting
    }

    public static let databaseTableName = "payment"

    public var id: Int64?
    public var provider: String
    public var providerPaymentID: String
    public var kind: String
    public var refundID: String
    public var status: Status
    public var customerID: String?
    public var accountID: String?
    public var invoiceNumber: String?
    public var purpose: String
    public var method: String
    public var amountMinor: Int
    public var currency: String
    public var occurredAt: Int
    public var bookedAt: Int
    public var sourceEvent: String
    public var note: String?

    public enum Columns {
        static let provider = Column(CodingKeys.provider)
        static let providerPaymentID = Column(CodingKeys.providerPaymentID)
        static let kind = Column(CodingKeys.kind)
        static let status = Column(CodingKeys.status)
        static let customerID = Column(CodingKeys.customerID)
        static let accountID = Column(CodingKeys.accountID)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The amount as money; nil when the stored currency is not ISO 4217 (never written so).
    public var amount: Money? {
        Currency(code: currency).map { Money(minorUnits: amountMinor, currency: $0) }
    }

    /// Payment or refund.
    public var eventKind: PaymentEvent.Kind { PaymentEvent.Kind(rawValue: kind) ?? .payment }
}
