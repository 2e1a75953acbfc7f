/// What the ledger knows about a customer beyond the content: money booked since the export and
/// checkouts started from pay links. Pages show both.
public struct CustomerActivity: Hashable, Sendable {
    /// Booked payments and refunds.
    public var recorded: [RecordedPayment]
    /// Checkouts not (yet) turned into a booked payment, newest first.
    public var checkouts: [PendingCheckout]
    /// RF creditor references handed out for bank transfers, by purpose.
    public var references: [TransferPurpose: CreditorReference]
    /// Bank transfers announced or received but not yet approved (and recently rejected or expired), newest first.
    public var transfers: [AnnouncedTransfer]

    public init(recorded: [RecordedPayment] = [], checkouts: [PendingCheckout] = [],
                references: [TransferPurpose: CreditorReference] = [:], transfers: [AnnouncedTransfer] = []) {
        self.recorded = recorded
        self.checkouts = checkouts
        self.references = references
        self.transfers = transfers
    }

    /// Nothing beyond the content.
    public static let none = CustomerActivity()
}
