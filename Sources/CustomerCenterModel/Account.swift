/// One account of a customer: invoices to settle, or a prepaid balance to spend.
public struct Account: Hashable, Sendable {
    /// The most the amounts in one account's content may add up to, in minor units (10 trillion in a
    /// two-decimal currency). With callbacks bounded per payment too, no sum over an account can
    /// overflow an `Int`.
    public static let maximumTotalMinorUnits = 1_000_000_000_000_000
    /// What kind of account this is.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// The merchant sends invoices; payments settle them.
        case invoice
        /// The customer pays in advance; charges draw the balance down.
        case prepaid
    }

    /// Unique across all customers; pay links name it.
    public var id: String
    /// Invoice or prepaid.
    public var kind: Kind
    /// An optional label ("Strom", "Mobile plan").
    public var label: String?
    /// Every amount on the account is in this currency.
    public var currency: Currency
    /// Invoices issued on an invoice account (empty for prepaid).
    public var invoices: [Invoice]
    /// Payments received on an invoice account (empty for prepaid).
    public var payments: [Payment]
    /// Credits and charges of a prepaid account (empty for invoice accounts).
    public var transactions: [PrepaidTransaction]

    /// An account with the given fields.
    public init(id: String, kind: Kind, label: String? = nil, currency: Currency,
                invoices: [Invoice] = [], payments: [Payment] = [], transactions: [PrepaidTransaction] = []) {
        self.id = id
        self.kind = kind
        self.label = label
        self.currency = currency
        self.invoices = invoices
        self.payments = payments
        self.transactions = transactions
    }
}
