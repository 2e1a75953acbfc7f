import CustomerCenterModel
import GRDB

/// One row of the `pendingPayment` table: a checkout a customer started from a pay link, until the
/// provider confirms, declines or it expires.
public struct PendingPayment: Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "pendingPayment"

    public var id: Int64?
    public var provider: String
    /// Our id of the checkout, handed to the provider; unique.
    public var checkoutID: String
    public var customerID: String
    public var accountID: String
    public var invoiceNumber: String?
    public var purpose: PaymentEvent.Purpose
    public var method: Payment.Method
    /// Positive, in minor units of `currency`.
    public var amountMinor: Int
    public var currency: Currency
    public var createdAt: Int
    public var expiresAt: Int
    public var status: CheckoutStatus
    public var note: String?
    /// The invoices the customer ticked to pay (a selection form); empty for every other checkout.
    public var selectedInvoices: [String]

    /// A checkout with the given fields.
    public init(id: Int64?, provider: String, checkoutID: String, customerID: String, accountID: String, invoiceNumber: String?,
                purpose: PaymentEvent.Purpose, method: Payment.Method, amountMinor: Int, currency: Currency, createdAt: Int,
                expiresAt: Int, status: CheckoutStatus, note: String?, selectedInvoices: [String] = []) {
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
        self.selectedInvoices = selectedInvoices
    }

    public enum Columns {
        static let checkoutID = Column("checkoutID")
        static let customerID = Column("customerID")
        static let status = Column("status")
    }

    /// Read column by column; an unknown value throws, naming the row.
    public init(row: Row) throws {
        let read = LedgerRowReader(row, table: Self.databaseTableName)
        self.init(
            id: try read("id"), provider: try read("provider"), checkoutID: try read("checkoutID"),
            customerID: try read("customerID"), accountID: try read("accountID"), invoiceNumber: try read("invoiceNumber"),
            purpose: try read("purpose"), method: try read("method"), amountMinor: try read("amountMinor"),
            currency: try read("currency"), createdAt: try read("createdAt"), expiresAt: try read("expiresAt"),
            status: try read("status"), note: try read("note"), selectedInvoices: try InvoiceSelectionColumn.read(read))
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["provider"] = provider
        container["checkoutID"] = checkoutID
        container["customerID"] = customerID
        container["accountID"] = accountID
        container["invoiceNumber"] = invoiceNumber
        container["purpose"] = purpose
        container["method"] = method
        container["amountMinor"] = amountMinor
        container["currency"] = currency
        container["createdAt"] = createdAt
        container["expiresAt"] = expiresAt
        container["status"] = status
        container["note"] = note
        container[InvoiceSelectionColumn.name] = InvoiceSelectionColumn.stored(selectedInvoices)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The amount as money.
    public var amount: Money { Money(minorUnits: amountMinor, currency: currency) }
}
