import CustomerCenterModel
import GRDB

/// One row of the `payment` table: a payment or refund as the ledger holds it.
public struct LedgerPayment: Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// Where a ledger entry stands.
    public enum Status: String, Hashable, Sendable, CaseIterable, DatabaseValueConvertible {
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
    /// Payment or refund.
    public var kind: PaymentEvent.Kind
    public var refundID: String
    public var status: Status
    public var customerID: String?
    public var accountID: String?
    public var invoiceNumber: String?
    public var purpose: PaymentEvent.Purpose
    public var method: Payment.Method
    /// Positive, in minor units of `currency`.
    public var amountMinor: Int
    public var currency: Currency
    public var occurredAt: Int
    public var bookedAt: Int
    public var sourceEvent: String
    public var note: String?
    /// The invoices the customer ticked to pay with this payment (from its checkout), settled first;
    /// empty for every other entry.
    public var selectedInvoices: [String] = []

    public enum Columns {
        static let provider = Column("provider")
        static let providerPaymentID = Column("providerPaymentID")
        static let kind = Column("kind")
        static let status = Column("status")
        static let customerID = Column("customerID")
        static let accountID = Column("accountID")
    }

    public init(id: Int64?, provider: String, providerPaymentID: String, kind: PaymentEvent.Kind, refundID: String, status: Status,
                customerID: String?, accountID: String?, invoiceNumber: String?, purpose: PaymentEvent.Purpose,
                method: Payment.Method, amountMinor: Int, currency: Currency, occurredAt: Int, bookedAt: Int, sourceEvent: String,
                note: String?) {
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
    /// Codable decoding cost more than the query itself. An unknown value throws, naming the row.
    public init(row: Row) throws {
        let read = LedgerRowReader(row, table: Self.databaseTableName)
        self.init(
            id: try read("id"), provider: try read("provider"), providerPaymentID: try read("providerPaymentID"),
            kind: try read("kind"), refundID: try read("refundID"), status: try read("status"),
            customerID: try read("customerID"), accountID: try read("accountID"), invoiceNumber: try read("invoiceNumber"),
            purpose: try read("purpose"), method: try read("method"), amountMinor: try read("amountMinor"),
            currency: try read("currency"), occurredAt: try read("occurredAt"), bookedAt: try read("bookedAt"),
            sourceEvent: try read("sourceEvent"), note: try read("note"))
        selectedInvoices = try InvoiceSelectionColumn.read(read)
    }

    /// Written column by column, for the same reason (`PreparedInsert`).
    public func encode(to container: inout PersistenceContainer) throws {
        encodeColumns(to: &container)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The amount as money.
    public var amount: Money { Money(minorUnits: amountMinor, currency: currency) }
}

extension LedgerPayment: PreparedInsert {
    static let insertedColumns = [
        "provider", "providerPaymentID", "kind", "refundID", "status", "customerID", "accountID", "invoiceNumber", "purpose", "method",
        "amountMinor", "currency", "occurredAt", "bookedAt", "sourceEvent", "note", InvoiceSelectionColumn.name,
    ]
    static let insertSQL = insertStatement(into: databaseTableName, insertedColumns)

    var insertedValues: [(any DatabaseValueConvertible)?] {
        [provider, providerPaymentID, kind, refundID, status, customerID, accountID, invoiceNumber, purpose, method,
         amountMinor, currency, occurredAt, bookedAt, sourceEvent, note, InvoiceSelectionColumn.stored(selectedInvoices)]
    }
}
