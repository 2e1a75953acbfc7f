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
    /// The invoice's PDF, as the customer file names it: a path relative to the content folder. The
    /// build copies it beneath the customer's secret folder and links it from the invoice.
    public var document: String?

    /// An invoice with the given fields.
    public init(number: String, issued: CalendarDate, due: CalendarDate, amount: Money, description: String? = nil,
                document: String? = nil) {
        self.number = number
        self.issued = issued
        self.due = due
        self.amount = amount
        self.description = description
        self.document = document
    }
}
