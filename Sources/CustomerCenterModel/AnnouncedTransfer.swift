/// A bank transfer as a customer's page shows it: "50,00 € announced on 29.11.2026 with reference
/// RF47 1234 5678 9012, awaiting receipt". Top-up requests, and transfers seen on a statement that
/// the merchant has not approved yet.
public struct AnnouncedTransfer: Hashable, Sendable {
    public var accountID: String
    public var invoiceNumber: String?
    public var reference: CreditorReference
    /// What the customer announced (nil for money received on a permanent reference).
    public var amount: Money?
    /// What the bank statement shows, once seen.
    public var received: Money?
    public var status: TransferStatus
    public var announced: CalendarDate
    /// The last day an announcement waits for the money.
    public var expires: CalendarDate?

    public init(accountID: String, invoiceNumber: String?, reference: CreditorReference, amount: Money?, received: Money?,
                status: TransferStatus, announced: CalendarDate, expires: CalendarDate?) {
        self.accountID = accountID
        self.invoiceNumber = invoiceNumber
        self.reference = reference
        self.amount = amount
        self.received = received
        self.status = status
        self.announced = announced
        self.expires = expires
    }
}
