/// Money received on an invoice account.
public struct Payment: Hashable, Sendable {
    /// How the money arrived.
    public enum Method: String, Hashable, Sendable, CaseIterable {
        case transfer, paypal, sofort, card, cash, directDebit = "direct_debit", other
    }

    /// The day the money arrived.
    public var date: CalendarDate
    /// The amount received; positive.
    public var amount: Money
    /// How it was paid.
    public var method: Method
    /// The invoice the payer named, if any: it is settled first (see `AccountStatement`).
    public var invoiceNumber: String?
    /// The invoices the customer ticked on their page to pay with this payment (pay links): they are
    /// settled first, oldest due first, before the usual rules apply to what is left. Empty otherwise.
    public var selectedInvoices: [String]
    /// The payer's or bank's reference, shown to the customer.
    public var reference: String?
    /// How much of it was refunded or charged back (0...amount); the rest is what gets allocated.
    public var refunded: Money

    /// A payment with the given fields.
    public init(date: CalendarDate, amount: Money, method: Method, invoiceNumber: String? = nil, reference: String? = nil,
                refunded: Money? = nil, selectedInvoices: [String] = []) {
        self.date = date
        self.amount = amount
        self.method = method
        self.invoiceNumber = invoiceNumber
        self.reference = reference
        self.refunded = refunded ?? .zero(amount.currency)
        self.selectedInvoices = selectedInvoices
    }

    /// What is left to allocate after refunds; never negative.
    public var effectiveAmount: Money {
        Money(minorUnits: max(0, amount.minorUnits - refunded.minorUnits), currency: amount.currency)
    }
}
