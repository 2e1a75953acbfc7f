/// A provider's callback, normalised: what happened to which money, for whom. Providers' payloads
/// (Stripe events, the sandbox format) are parsed into this; the ledger books it.
public struct PaymentEvent: Hashable, Sendable {
    /// A payment arrived, or (part of) one was refunded or charged back.
    public enum Kind: String, Hashable, Sendable, CaseIterable { case payment, refund }
    /// What the money is for.
    public enum Purpose: String, Hashable, Sendable, CaseIterable {
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
    /// For a refund: the refunds the event names, each by its own id, oldest first. Providers report
    /// a refund in different shapes (one refund, a list, only a running total); the ledger counts
    /// every refund id once and never more than the largest running total says, whatever the order.
    public var refunds: [Refund] = []
    /// For a refund: the total refunded of the payment so far, when the provider states it (Stripe's
    /// `amount_refunded`).
    public var refundedTotal: Money?
    /// Positive amount in the payment's currency; for a refund, what the event reports as refunded
    /// (the running total when stated), not necessarily what it adds to the ledger.
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

    /// An event with the given fields; `refundID` makes a refund event of the one refund `amount`.
    public init(provider: String, eventID: String, kind: Kind, paymentID: String, refundID: String? = nil, amount: Money,
                occurredAt: Int, customerID: String?, accountID: String?, invoiceNumber: String? = nil,
                purpose: Purpose = .settle, method: Payment.Method) {
        self.provider = provider
        self.eventID = eventID
        self.kind = kind
        self.paymentID = paymentID
        if let refundID { refunds = [Refund(id: refundID, amount: amount)] }
        self.amount = amount
        self.occurredAt = occurredAt
        self.customerID = customerID
        self.accountID = accountID
        self.invoiceNumber = invoiceNumber
        self.purpose = purpose
        self.method = method
    }
}

extension PaymentEvent {
    /// One refund of a payment, as the provider names it.
    public struct Refund: Hashable, Sendable {
        /// The provider's id of the refund: the same id counts once.
        public var id: String
        /// Positive amount in the payment's currency.
        public var amount: Money

        /// A refund `id` of `amount`.
        public init(id: String, amount: Money) {
            self.id = id
            self.amount = amount
        }
    }
}
