/// A payment the customer started but the provider has not confirmed (or that failed), as a page
/// shows it: "50,00 € via PayPal started on 29.11.2026, awaiting confirmation".
public struct PendingCheckout: Hashable, Sendable {
    public var accountID: String
    public var amount: Money
    public var method: Payment.Method
    public var started: CalendarDate
    public var status: CheckoutStatus

    public init(accountID: String, amount: Money, method: Payment.Method, started: CalendarDate, status: CheckoutStatus) {
        self.accountID = accountID
        self.amount = amount
        self.method = method
        self.started = started
        self.status = status
    }
}
