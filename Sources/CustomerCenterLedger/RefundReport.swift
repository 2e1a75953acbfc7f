import GRDB

/// One row of the `refundReport` table: something a provider reported as refunded of a payment, kept
/// whether or not it booked money. Refunds arrive in different shapes (one refund by its id, a list of
/// refunds, only the running total); what is booked for a payment is what makes its booked refunds add
/// up to the larger of its distinct refund ids' sum and the largest total reported (`Ledger+Refunds`).
public struct RefundReport: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// What was reported.
    public enum Kind: String, Codable, Hashable, Sendable, DatabaseValueConvertible {
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
    public var currency: String
    /// The event that first reported it.
    public var sourceEvent: String
    public var receivedAt: Int

    /// A report with the given fields.
    public init(id: Int64? = nil, provider: String, providerPaymentID: String, kind: Kind, refundID: String, amountMinor: Int,
                currency: String, sourceEvent: String, receivedAt: Int) {
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
        static let provider = Column(CodingKeys.provider)
        static let providerPaymentID = Column(CodingKeys.providerPaymentID)
    }

    /// The id a running total is kept under.
    static func totalID(_ amountMinor: Int) -> String { "total-\(amountMinor)" }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
