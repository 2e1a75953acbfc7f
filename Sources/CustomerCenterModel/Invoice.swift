/// An invoice on an invoice account.
public struct Invoice: Hashable, Sendable {
    /// The merchant's invoice number; unique across all customers.
    public var number: String
    /// The day the invoice was issued.
    public var issued: CalendarDate
    /// The day payment is due; never before `issued`.
    public var due: CalendarDate
    /// The invoiced amount; positive.
    public var amount: Money
    /// An optional line describing what was invoiced.
    public var description: String?

    /// An invoice with the given fields.
    public init(number: String, issued: CalendarDate, due: CalendarDate, amount: Money, description: String? = nil) {
        self.number = number
        self.issued = issued
        self.due = due
        self.amount = amount
        self.description = description
    }
}
