import CustomerCenterModel
import GRDB

/// One row of the `transfer` table: a bank transfer from its announcement (a top-up request) or its
/// first sight on a statement (money on a permanent reference) until it is approved, rejected or expires.
public struct TransferRecord: Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "transfer"

    /// A top-up the customer announced, or money seen on a statement without an announcement.
    public enum Kind: String, Hashable, Sendable, CaseIterable, DatabaseValueConvertible { case request, receipt }

    public var id: Int64?
    /// The RF reference, compact: fresh for a request, the account's or invoice's permanent one otherwise.
    public var reference: String
    public var kind: Kind
    public var customerID: String
    public var accountID: String
    public var invoiceNumber: String?
    /// Top up a prepaid account, or settle an invoice account.
    public var purpose: PaymentEvent.Purpose
    public var currency: Currency
    /// What was announced, in minor units; nil on a permanent reference.
    public var expectedMinor: Int?
    public var status: TransferStatus
    public var createdAt: Int
    public var expiresAt: Int?
    /// What the statement showed (or the merchant approved), in minor units; nil until then.
    public var receivedMinor: Int?
    public var receivedOn: String?
    public var payerName: String?
    public var bankReference: String?
    public var decidedAt: Int?
    public var paymentRowID: Int64?
    public var note: String?

    /// A transfer with the given fields; the statement's and the decision's fields start empty.
    public init(id: Int64?, reference: String, kind: Kind, customerID: String, accountID: String, invoiceNumber: String?,
                purpose: PaymentEvent.Purpose, currency: Currency, expectedMinor: Int?, status: TransferStatus, createdAt: Int,
                expiresAt: Int?) {
        self.id = id
        self.reference = reference
        self.kind = kind
        self.customerID = customerID
        self.accountID = accountID
        self.invoiceNumber = invoiceNumber
        self.purpose = purpose
        self.currency = currency
        self.expectedMinor = expectedMinor
        self.status = status
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    public enum Columns {
        static let reference = Column("reference")
        static let customerID = Column("customerID")
        static let status = Column("status")
        static let accountID = Column("accountID")
    }

    /// Read column by column; an unknown value throws, naming the row.
    public init(row: Row) throws {
        let read = LedgerRowReader(row, table: Self.databaseTableName)
        self.init(id: try read("id"), reference: try read("reference"), kind: try read("kind"), customerID: try read("customerID"),
                  accountID: try read("accountID"), invoiceNumber: try read("invoiceNumber"), purpose: try read("purpose"),
                  currency: try read("currency"), expectedMinor: try read("expectedMinor"), status: try read("status"),
                  createdAt: try read("createdAt"), expiresAt: try read("expiresAt"))
        receivedMinor = try read("receivedMinor")
        receivedOn = try read("receivedOn")
        payerName = try read("payerName")
        bankReference = try read("bankReference")
        decidedAt = try read("decidedAt")
        paymentRowID = try read("paymentRowID")
        note = try read("note")
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["reference"] = reference
        container["kind"] = kind
        container["customerID"] = customerID
        container["accountID"] = accountID
        container["invoiceNumber"] = invoiceNumber
        container["purpose"] = purpose
        container["currency"] = currency
        container["expectedMinor"] = expectedMinor
        container["status"] = status
        container["createdAt"] = createdAt
        container["expiresAt"] = expiresAt
        container["receivedMinor"] = receivedMinor
        container["receivedOn"] = receivedOn
        container["payerName"] = payerName
        container["bankReference"] = bankReference
        container["decidedAt"] = decidedAt
        container["paymentRowID"] = paymentRowID
        container["note"] = note
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// What was announced, as money.
    public var expected: Money? { expectedMinor.map { Money(minorUnits: $0, currency: currency) } }
    /// What the statement showed, as money.
    public var received: Money? { receivedMinor.map { Money(minorUnits: $0, currency: currency) } }
    /// The reference as a value.
    public var creditorReference: CreditorReference? { CreditorReference(reference) }

    /// The status as of `now`: an announcement past its expiry counts as expired even before
    /// `expireTransfers` wrote it.
    public func status(now: Int) -> TransferStatus {
        if status == .announced, let expiresAt, now > expiresAt { return .expired }
        return status
    }
}
