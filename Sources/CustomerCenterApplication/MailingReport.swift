/// What a mailing (`send-links`, `rotate-link`, `remind`) did.
public struct MailingReport: Sendable {
    /// Messages queued by this run (each recorded with what it is for).
    public var queued = 0
    /// Reminders: the invoices the queued messages name.
    public var invoices = 0
    /// Links: customers whose current link was mailed before. Reminders: overdue invoices reminded
    /// less than the interval ago. Neither is sent again.
    public var alreadySent = 0
    /// Customers left out, one line each naming the customer and why (no email address, no page).
    public var skipped: [String] = []
    /// Messages of this mailing not delivered when the run ended (waiting for a retry), including
    /// those an interrupted earlier run queued; nil when the queue could not be read to tell.
    public var undelivered: Int? = 0
    /// Messages that an earlier run queued but did not deliver (it was interrupted), delivered by
    /// this run once its own were.
    public var deliveredFromEarlier = 0

    public init() {}
}

/// A mailing that could not start or stopped: every problem, one line each, naming the customer,
/// file or key, and whether anything was sent.
public struct MailingError: Error, Sendable, CustomStringConvertible {
    public var problems: [String]

    public init(_ problems: [String]) {
        self.problems = problems
    }

    public var description: String { problems.joined(separator: "\n") }
}
