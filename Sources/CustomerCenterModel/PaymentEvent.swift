/// A provider's callback, normalised: what happened to which money, for whom. Providers' payloads
/// (Stripe events, the sandbox format) are parsed into this; the ledger books it.
public struct PaymentEvent: Hashable, Sendable {
    /// A payment arrived, or (part of) one was refunded or charged back.
    public enum Kind: String, Hashable, Sendable { case payment, refund }
    /// What the money is for.
    public enum Purpose: String, Hashable, Sendable {
        /// Settle invoices (or build credit) on an invoice account.
        case settle
        /// Raise a prepaid balance.
        case topUp = "top-up"
    }

    /// The configured provider name (`stripe`, `sandbox`).
    public var provider: String
    /// The provider's event id: the same id is booked once.
    public var eventID: String
    public var kind: Kind
    /// The provider's payment id; for a refund, the id of the payment refunded.
    public var paymentID: String
    /// For a refund: its own id, so that several partial refunds of one payment are each booked once.
    public var refundID: String?
    /// For a refund that states only the running total refunded so far (Stripe's `amount_refunded`
    /// without the refund list): `amount` is that total, and only what exceeds the refunds already
    /// booked for the payment is booked.
    public var amountIsRefundedTotal = false
    /// Positive amount in the payment's currency.
    public var amount: Money
    /// When it happened at the provider (Unix seconds).
    public var occurredAt: Int
    /// Our ids, as we handed them to the provider (metadata); any may be missing or wrong.
    public var customerID: String?
    public var accountID: String?
    public var invoiceNumber: String?
    public var purpose: Purpose
    /// How the customer paid.
    public var method: Payment.Method
    /// Our checkout id, when the payment was started from a pay link (metadata `checkout`).
    public var checkoutID: String?

    /// An event with the given fields.
    public init(provider: String, eventID: String, kind: Kind, paymentID: String, refundID: String? = nil, amount: Money,
                occurredAt: Int, customerID: String?, accountID: String?, invoiceNumber: String? = nil,
                purpose: Purpose = .settle, method: Payment.Method) {
        self.provider = provider
        self.eventID = eventID
        self.kind = kind
        self.paymentID = paymentID
        self.refundID = refundID
        self.amount = amount
        self.occurredAt = occurredAt
        self.customerID = customerID
        self.accountID = accountID
        self.invoiceNumber = invoiceNumber
        self.purpose = purpose
        self.method = method
    }
}
