import CustomerCenterModel

/// What the application needs from the ledger, and nothing more: the operations the receiver, the
/// commands and the benchmark call, in domain and record types only (no SQL, no GRDB types). `Ledger`
/// is the SQLite engine; another engine (PostgreSQL) implements the same list with the same guarantees
/// (docs/architecture.md, "The ledger API"):
///
/// - An event is booked exactly once by (provider, event id), and money exactly once by (provider,
///   payment id, kind, refund id); refunds count once whatever shape and order their events have.
/// - A booking is one transaction with its allocation rows, page mark, checkout and event record; a
///   method returns only after that transaction is durably committed (the receiver answers 2xx then).
/// - Bookings of one account are serialised: each sees every booking committed before it.
/// - Every failure is a `LedgerError` naming the action; refusals a caller can act on are `Result`s.
public protocol LedgerStore: Sendable {
    /// Where the ledger is kept (the SQLite file, or the PostgreSQL URL without its password), for messages.
    var path: String { get }

    // MARK: Booking

    /// Books `event` to `target` exactly once, in one durable transaction, and says what happened.
    func book(_ event: PaymentEvent, target: BookingTarget, receivedAt: Int,
              dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> BookingOutcome
    /// Books `requests` in one durable transaction, each on its own (a failed one leaves the others), outcomes in order.
    func book(_ requests: [BookingRequest], dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError)
        -> [Result<BookingOutcome, LedgerError>]
    /// Books the unmatched entry `rowID` to `account` by hand, with its allocation and page mark, in one transaction.
    func assign(rowID: Int64, customerID: String, account: Account, invoiceNumber: String?, at time: Int,
                dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> Result<LedgerPayment, AssignProblem>

    // MARK: Reading entries

    /// The payment `paymentID` of `provider` (not its refunds), if the ledger holds it.
    func payment(provider: String, paymentID: String) throws(LedgerError) -> LedgerPayment?
    /// Every entry (payments, refunds) of `customerID`, oldest first.
    func entries(customerID: String) throws(LedgerError) -> [LedgerPayment]
    /// The money booked to `customerID`'s accounts, as the model's recorded payments.
    func recordedPayments(customerID: String, dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> [RecordedPayment]
    /// The allocation rows of one entry, in the order they were written.
    func allocations(paymentRowID: Int64) throws(LedgerError) -> [LedgerAllocation]
    /// Every callback event received, with what came of it, oldest first.
    func events() throws(LedgerError) -> [LedgerEvent]
    /// Money kept but not booked to an account (unmatched or currency mismatch), oldest first.
    func unmatched() throws(LedgerError) -> [LedgerPayment]
    /// What the ledger adds to the pages of `customerIDs` as of `now`, by customer, in one read.
    func activities(customerIDs: [String], now: Int,
                    dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> [String: CustomerActivity]
    /// What the ledger adds to `customerID`'s page as of `now`.
    func activity(customerID: String, now: Int, dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> CustomerActivity

    // MARK: Pages

    /// Customers whose pages still need regenerating, oldest mark first.
    func dirtyPages() throws(LedgerError) -> [DirtyPage]
    /// The marks of `customerIDs` that are set.
    func dirtyPages(customerIDs: [String]) throws(LedgerError) -> [DirtyPage]
    /// Claims the pages of `customerIDs` for `claimer` for `lease` seconds: those whose marks no other
    /// process holds (a claim held by a claimer that `hasEnded`, or whose lease ran out, is taken over).
    /// With `creatingMarks`, a customer without a mark gets one (a page asked for without a booking);
    /// without, only marked pages are claimed. Never waits for another process's claim. May be lost in a crash.
    func claimPages(_ customerIDs: [String], creatingMarks: Bool, claimer: String, lease: Int, now: Int,
                    hasEnded: @escaping @Sendable (String) -> Bool) throws(LedgerError) -> PageClaim
    /// Clears the marks of pages written (never a newer mark) and keeps their GiroCodes; a newer mark
    /// left on one of `pages` loses the claim of `releasing`, so that the process that set it can claim
    /// it. May be lost in a crash.
    func clearDirty(_ pages: [DirtyPage], savingGiroCodes codes: [String: StoredGiroCode], releasing claimer: String?) throws(LedgerError)
    /// The kept GiroCodes of `references` (printed RF references), by reference.
    func giroCodes(references: [String]) throws(LedgerError) -> [String: StoredGiroCode]
    /// Keeps `codes` by printed reference, replacing older ones; a cache, may be lost in a crash.
    func saveGiroCodes(_ codes: [String: StoredGiroCode]) throws(LedgerError)

    // MARK: Checkouts

    /// Records a checkout just started and marks the customer's page.
    func recordPending(_ pending: PendingPayment) throws(LedgerError) -> PendingPayment
    /// Ends checkout `checkoutID` with `status` unless it already ended, marks the page; nil when there is none.
    @discardableResult
    func finishPending(checkoutID: String, status: CheckoutStatus, note: String?, at time: Int) throws(LedgerError) -> PendingPayment?
    /// The checkout `checkoutID`, if any.
    func pending(checkoutID: String) throws(LedgerError) -> PendingPayment?

    // MARK: Bank transfers

    /// The lasting RF reference of each purpose of `customerID`, handing out new ones in one transaction.
    func references(customerID: String, purposes: [TransferPurpose], at time: Int) throws(LedgerError) -> [TransferPurpose: CreditorReference]
    /// `references(customerID:purposes:at:)` for many customers: one read, one write for the new ones.
    func references(batch: [String: [TransferPurpose]], at time: Int) throws(LedgerError) -> [String: [TransferPurpose: CreditorReference]]
    /// What reference `text` (any spelling) was handed out for; nil when it is not one of this ledger's.
    func transferReference(_ text: String) throws(LedgerError) -> TransferReferenceRecord?
    /// The ledger's records of those of `references` (compact form) it handed out, by reference.
    func knownReferences(_ references: Set<String>) throws(LedgerError) -> [String: TransferReferenceRecord]
    /// Records a top-up announced by transfer with a fresh reference (or the same request again), marks the page.
    func requestTopUp(customerID: String, accountID: String, amount: Money, at time: Int,
                      expiresAt: Int) throws(LedgerError) -> (transfer: TransferRecord, isNew: Bool)
    /// Transfers waiting for the merchant (announced and not expired, or received), oldest first.
    func openTransfers(now: Int) throws(LedgerError) -> [TransferRecord]
    /// Marks announcements past their expiry as expired, and their pages; returns them.
    @discardableResult
    func expireTransfers(now: Int) throws(LedgerError) -> [TransferRecord]
    /// Approves the transfer on `reference` and books it through `book`, all in one transaction.
    func approveTransfer(reference: CreditorReference, amount: Money?, date: CalendarDate?, customerID: String,
                         account: Account, allowRepeat: Bool, at time: Int,
                         dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> Result<ApprovedTransfer, TransferProblem>
    /// Rejects the open transfer on `reference`: never booked, the page says so for a week.
    func rejectTransfer(reference: CreditorReference, reason: String?, at time: Int) throws(LedgerError) -> Result<TransferRecord, TransferProblem>
    /// Imports a statement's credits in one transaction: each bank entry once, matched by reference or kept unmatched.
    func importStatement(_ credits: [IncomingCredit], file: String, approveMatched: Bool, accounts: [String: Account], at time: Int,
                         dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> [ImportedCredit]

    // MARK: Email

    /// Stores a message before its first delivery attempt.
    func enqueueEmail(_ email: OutgoingEmail) throws(LedgerError) -> OutgoingEmail
    /// Claims up to 50 due messages for `claimer`, moving their next attempt `lease` seconds ahead in the same
    /// transaction; messages of a claimer that `hasEnded` are claimed again at once.
    func claimDueEmails(now: Int, lease: Int, claimer: String, hasEnded: @escaping @Sendable (String) -> Bool) throws(LedgerError)
        -> [OutgoingEmail]
    /// Records a delivery attempt: sent, or failed and retried at `retryAt` (nil: failed for good).
    func recordEmailAttempt(id: Int64, delivered: String?, error: String?, retryAt: Int?, at time: Int) throws(LedgerError)
    /// Queues each message with what it is for in one transaction; one already recorded (a link version
    /// mailed, an invoice reminded within the interval) is not queued (nil).
    func enqueue(_ batch: [(email: OutgoingEmail, mailing: Mailing)]) throws(LedgerError) -> [OutgoingEmail?]
    /// The link versions mailed to `customerIDs`, by customer.
    func mailedLinkVersions(customerIDs: [String]) throws(LedgerError) -> [String: Set<Int>]
    /// The last day each invoice of `customerIDs` was reminded.
    func lastReminded(customerIDs: [String]) throws(LedgerError) -> [RemindedInvoice: CalendarDate]
    /// Messages not yet delivered, oldest first; with `all`, sent ones too.
    func emails(all: Bool) throws(LedgerError) -> [OutgoingEmail]
    /// Puts failed messages back in the queue and makes every queued one due now; returns how many.
    @discardableResult
    func requeueUndeliveredEmails(now: Int) throws(LedgerError) -> Int
}

extension LedgerStore {
    /// Clears the marks of pages written, keeping no GiroCodes.
    public func clearDirty(_ pages: [DirtyPage]) throws(LedgerError) {
        try clearDirty(pages, savingGiroCodes: [:], releasing: nil)
    }

    /// Clears the marks of pages written, keeping their GiroCodes; claims stay as they are.
    public func clearDirty(_ pages: [DirtyPage], savingGiroCodes codes: [String: StoredGiroCode]) throws(LedgerError) {
        try clearDirty(pages, savingGiroCodes: codes, releasing: nil)
    }

    /// Messages not yet delivered, oldest first.
    public func emails() throws(LedgerError) -> [OutgoingEmail] {
        try emails(all: false)
    }
}
