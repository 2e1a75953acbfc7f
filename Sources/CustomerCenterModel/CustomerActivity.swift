/// What the ledger knows about a customer beyond the content: money booked since the export and
/// checkouts started from pay links. Pages show both.
public struct CustomerActivity: Hashable, Sendable {
    /// Booked payments and refunds.
    public var recorded: [RecordedPayment]
    /// Checkouts not (yet) turned into a booked payment, newest first.
    public var checkouts: [PendingCheckout]
    /// RF creditor references handed out for bank transfers, by purpose.
    public var references: [TransferPurpose: CreditorReference]

    public init(recorded: [RecordedPayment] = [], checkouts: [PendingCheckout] = [],
                references: [TransferPurpose: CreditorReference] = [:]) {
        self.recorded = recorded
        self.checkouts = checkouts
        self.references = references
    }

    /// Nothing beyond the content.
    public static let none = CustomerActivity()
}
