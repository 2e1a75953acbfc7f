/// Where an invoice stands on a given day.
public enum InvoiceStatus: String, Hashable, Sendable {
    /// Nothing paid yet, not yet due.
    case open
    /// Something paid, the rest not yet due.
    case partiallyPaid = "partially-paid"
    /// Past its due date with something still open (whether or not part was paid).
    case overdue
    /// Fully paid.
    case paid

    /// The status of an invoice with `paid` and `open` minor units, due on `due`, seen on `asOf`.
    /// An invoice is overdue from the day after its due date.
    public init(paid: Int, open: Int, due: CalendarDate, asOf: CalendarDate) {
        if open <= 0 {
            self = .paid
        } else if due < asOf {
            self = .overdue
        } else if paid > 0 {
            self = .partiallyPaid
        } else {
            self = .open
        }
    }
}
