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

    public init(id: Int64?, provider: String, providerPaymentID: String, kind: String, refundID: String, status: Status,
                customerID: String?, accountID: String?, invoiceNumber: String?, purpose: String, method: String,
                amountMinor: Int, currency: String, occurredAt: Int, bookedAt: Int, sourceEvent: String, note: String?) {
        self.id = id
        self.provider = provider
        self.providerPaymentID = providerPaymentID
        self.kind = kind
        self.refundID = refundID
        self.status = status
        self.customerID = customerID
        self.accountID = accountID
        self.invoiceNumber = invoiceNumber
        self.purpose = purpose
        self.method = method
        self.amountMinor = amountMinor
        self.currency = currency
        self.occurredAt = occurredAt
        self.bookedAt = bookedAt
        self.sourceEvent = sourceEvent
        self.note = note
    }

    /// Read column by column: every booking and every page reads an account's rows, and GRDB's
    /// Codable decoding cost more than the query itself.
    public init(row: Row) throws {
        let statusText: String = try row.decode(forColumn: "status")
        guard let status = Status(rawValue: statusText) else {
            throw DatabaseError(resultCode: .SQLITE_MISMATCH, message: "payment status \(statusText) is unknown")
        }
        self.init(
            id: try row.decode(forColumn: "id"), provider: try row.decode(forColumn: "provider"),
            providerPaymentID: try row.decode(forColumn: "providerPaymentID"), kind: try row.decode(forColumn: "kind"),
            refundID: try row.decode(forColumn: "refundID"), status: status,
            customerID: try row.decode(forColumn: "customerID"), accountID: try row.decode(forColumn: "accountID"),
            invoiceNumber: try row.decode(forColumn: "invoiceNumber"), purpose: try row.decode(forColumn: "purpose"),
            method: try row.decode(forColumn: "method"), amountMinor: try row.decode(forColumn: "amountMinor"),
            currency: try row.decode(forColumn: "currency"), occurredAt: try row.decode(forColumn: "occurredAt"),
            bookedAt: try row.decode(forColumn: "bookedAt"), sourceEvent: try row.decode(forColumn: "sourceEvent"),
            note: try row.decode(forColumn: "note"))
    }

    /// Written column by column, for the same reason.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["provider"] = provider
        container["providerPaymentID"] = providerPaymentID
        container["kind"] = kind
        container["refundID"] = refundID
        container["status"] = status.rawValue
        container["customerID"] = customerID
        container["accountID"] = accountID
        container["invoiceNumber"] = invoiceNumber
        container["purpose"] = purpose
        container["method"] = method
        container["amountMinor"] = amountMinor
        container["currency"] = currency
        container["occurredAt"] = occurredAt
        container["bookedAt"] = bookedAt
        container["sourceEvent"] = sourceEvent
        container["note"] = note
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
