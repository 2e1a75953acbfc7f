import CustomerCenterModel
import GRDB

/// One row of the `pendingPayment` table: a checkout a customer started from a pay link, until the
/// provider confirms, declines or it expires.
public struct PendingPayment: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "pendingPayment"

    public var id: Int64?
    public var provider: String
    /// Our id of the checkout, handed to the provider; unique.
    public var checkoutID: String
    public var customerID: String
    public var accountID: String
    public var invoiceNumber: String?
    public var purpose: String
    public var method: String
    public var amountMinor: Int
    public var currency: String
    public var createdAt: Int
    public var expiresAt: Int
    public var status: CheckoutStatus
    public var note: String?

    /// A checkout with the given fields.
    public init(id: Int64?, provider: String, checkoutID: String, customerID: String, accountID: String, invoiceNumber: String?,
                purpose: String, method: String, amountMinor: Int, currency: String, createdAt: Int, expiresAt: Int,
                status: CheckoutStatus, note: String?) {
        self.id = id
        self.provider = provider
        self.checkoutID = checkoutID
        self.customerID = customerID
        self.accountID = accountID
        self.invoiceNumber = invoiceNumber
        self.purpose = purpose
        self.method = method
        self.amountMinor = amountMinor
        self.currency = currency
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.status = status
        self.note = note
    }

    public enum Columns {
        static let checkoutID = Column(CodingKeys.checkoutID)
        static let customerID = Column(CodingKeys.customerID)
        static let status = Column(CodingKeys.status)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The amount as money.
    public var amount: Money? { Currency(code: currency).map { Money(minorUnits: amountMinor, currency: $0) } }
}
