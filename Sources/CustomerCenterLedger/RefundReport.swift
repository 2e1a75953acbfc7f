import CustomerCenterModel
import GRDB

/// One row of the `refundReport` table: something a provider reported as refunded of a payment, kept
/// whether or not it booked money. Refunds arrive in different shapes (one refund by its id, a list of
/// refunds, only the running total); what is booked for a payment is what makes its booked refunds add
/// up to the larger of its distinct refund ids' sum and the largest total reported (`Ledger+Refunds`).
public struct RefundReport: Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// What was reported.
    public enum Kind: String, Hashable, Sendable, CaseIterable, DatabaseValueConvertible {
        /// One refund, by the provider's id for it.
        case refund
        /// The running total refunded of the payment (Stripe's `amount_refunded`).
        case total
    }

    public static let databaseTableName = "refundReport"

    public var id: Int64?
    public var provider: String
    /// The refunded payment's id at the provider.
    public var providerPaymentID: String
    public var kind: Kind
    /// The refund's id; for a total `total-<amount>`.
    public var refundID: String
    public var amountMinor: Int
    public var currency: Currency
    /// The event that first reported it.
    public var sourceEvent: String
    public var receivedAt: Int

    /// A report with the given fields.
    public init(id: Int64? = nil, provider: String, providerPaymentID: String, kind: Kind, refundID: String, amountMinor: Int,
                currency: Currency, sourceEvent: String, receivedAt: Int) {
        self.id = id
        self.provider = provider
        self.providerPaymentID = providerPaymentID
        self.kind = kind
        self.refundID = refundID
        self.amountMinor = amountMinor
        self.currency = currency
        self.sourceEvent = sourceEvent
        self.receivedAt = receivedAt
    }

    public enum Columns {
        static let provider = Column("provider")
        static let providerPaymentID = Column("providerPaymentID")
    }

    /// Read column by column; an unknown kind or currency throws, naming the row.
    public init(row: Row) throws {
        let read = LedgerRowReader(row, table: Self.databaseTableName)
        self.init(id: try read("id"), provider: try read("provider"), providerPaymentID: try read("providerPaymentID"),
                  kind: try read("kind"), refundID: try read("refundID"), amountMinor: try read("amountMinor"),
                  currency: try read("currency"), sourceEvent: try read("sourceEvent"), receivedAt: try read("receivedAt"))
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["provider"] = provider
        container["providerPaymentID"] = providerPaymentID
        container["kind"] = kind
        container["refundID"] = refundID
        container["amountMinor"] = amountMinor
        container["currency"] = currency
        container["sourceEvent"] = sourceEvent
        container["receivedAt"] = receivedAt
    }

    /// The id a running total is kept under.
    package static func totalID(_ amountMinor: Int) -> String { "total-\(amountMinor)" }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
