/// A credit (top-up, positive) or charge (usage, negative) on a prepaid account.
public struct PrepaidTransaction: Hashable, Sendable {
    /// The day it was booked.
    public var date: CalendarDate
    /// What it was ("Aufladung", "Verbrauch März").
    public var description: String
    /// Positive for credits, negative for charges; never zero.
    public var amount: Money
    /// For top-ups booked through a provider: how it was paid (pages then describe it themselves).
    public var method: Payment.Method?

    /// A transaction with the given fields.
    public init(date: CalendarDate, description: String, amount: Money, method: Payment.Method? = nil) {
        self.date = date
        self.description = description
        self.amount = amount
        self.method = method
    }
}
