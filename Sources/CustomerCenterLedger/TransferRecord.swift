import CustomerCenterModel
import GRDB

/// One row of the `transfer` table: a bank transfer from its announcement (a top-up request) or its
/// first sight on a statement (money on a permanent reference) until it is approved, rejected or expires.
public struct TransferRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "transfer"

    /// A top-up the customer announced, or money seen on a statement without an announcement.
    public enum Kind: String, Codable, Hashable, Sendable { case request, receipt }

    public var id: Int64?
    /// The RF reference, compact: fresh for a request, the account's or invoice's permanent one otherwise.
    public var reference: String
    public var kind: Kind
    public var customerID: String
    public var accountID: String
    public var invoiceNumber: String?
    /// `top-up` or `settle` (`PaymentEvent.Purpose`).
    public var purpose: String
    public var currency: String
    public var expectedMinor: Int?
    public var status: TransferStatus
    public var createdAt: Int
    public var expiresAt: Int?
    public var receivedMinor: Int?
    public var receivedOn: String?
    public var payerName: String?
    public var bankReference: String?
    public var decidedAt: Int?
    public var paymentRowID: Int64?
    public var note: String?

    public enum Columns {
        static let reference = Column(CodingKeys.reference)
        static let customerID = Column(CodingKeys.customerID)
        static let status = Column(CodingKeys.status)
        static let accountID = Column(CodingKeys.accountID)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var currencyValue: Currency? { Currency(code: currency) }

    /// What was announced, as money.
    public var expected: Money? { expectedMinor.flatMap { minor in currencyValue.map { Money(minorUnits: minor, currency: $0) } } }
    /// What the statement showed, as money.
    public var received: Money? { receivedMinor.flatMap { minor in currencyValue.map { Money(minorUnits: minor, currency: $0) } } }
    /// The reference as a value.
    public var creditorReference: CreditorReference? { CreditorReference(reference) }

    /// The status as of `now`: an announcement past its expiry counts as expired even before
    /// `expireTransfers` wrote it.
    public func status(now: Int) -> TransferStatus {
        if status == .announced, let expiresAt, now > expiresAt { return .expired }
        return status
    }

    /// `top-up` or `settle` as the model's purpose.
    public var paymentPurpose: PaymentEvent.Purpose { PaymentEvent.Purpose(rawValue: purpose) ?? .settle }
}
