/// Money booked in the ledger since the content was exported: a payment or a refund for one account.
/// The content files stay the source for customers, accounts and invoices; pages show both.
public struct RecordedPayment: Hashable, Sendable {
    /// The provider (`stripe`, `sandbox`, `bank`).
    public var provider: String
    /// Payment or refund.
    public var kind: PaymentEvent.Kind
    /// The provider's payment id (for a refund: of the payment refunded).
    public var paymentID: String
    /// Positive amount.
    public var amount: Money
    /// The day it happened, in the merchant's time zone.
    public var date: CalendarDate
    /// The account it was booked to.
    public var accountID: String
    /// The invoice the payer named, if any.
    public var invoiceNumber: String?
    /// The invoices the customer chose to pay with it (pay links); settled first. Empty otherwise.
    public var selectedInvoices: [String]
    /// Settle or top up.
    public var purpose: PaymentEvent.Purpose
    /// How it was paid.
    public var method: Payment.Method

    /// A recorded payment with the given fields.
    public init(provider: String, kind: PaymentEvent.Kind, paymentID: String, amount: Money, date: CalendarDate,
                accountID: String, invoiceNumber: String?, purpose: PaymentEvent.Purpose, method: Payment.Method,
                selectedInvoices: [String] = []) {
        self.provider = provider
        self.kind = kind
        self.paymentID = paymentID
        self.amount = amount
        self.date = date
        self.accountID = accountID
        self.invoiceNumber = invoiceNumber
        self.purpose = purpose
        self.method = method
        self.selectedInvoices = selectedInvoices
    }
}
