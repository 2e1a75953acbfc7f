/// What the ledger knows about a customer beyond the content: money booked since the export and
/// checkouts started from pay links. Pages show both.
public struct CustomerActivity: Hashable, Sendable {
    /// Booked payments and refunds.
    public var recorded: [RecordedPayment]
    /// Checkouts not (yet) turned into a booked payment, newest first.
    public var checkouts: [PendingCheckout]

    public init(recorded: [RecordedPayment] = [], checkouts: [PendingCheckout] = []) {
        self.recorded = recorded
        self.checkouts = checkouts
    }

    /// Nothing beyond the content.
    public static let none = CustomerActivity()
}
