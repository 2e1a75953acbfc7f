import CustomerCenterModel

/// What a mailed message is for, recorded in the ledger in the transaction that queues it, so that an
/// interrupted or repeated mailing never sends it twice (`Ledger.enqueue(_:)`).
public enum Mailing: Hashable, Sendable {
    /// A customer's personal link of `linkVersion`: mailed once per version (`send-links`, `rotate-link`).
    case personalLink(customerID: String, linkVersion: Int)
    /// A reminder of overdue `invoices` on the merchant's `day`: each invoice at most once in
    /// `intervalDays` days (`remind`, `[reminders].interval_days`).
    case reminder(customerID: String, invoices: [RemindedInvoice], day: CalendarDate, intervalDays: Int)

    /// The customer the message goes to.
    public var customerID: String {
        switch self {
        case .personalLink(let customerID, _), .reminder(let customerID, _, _, _): customerID
        }
    }
}

/// One invoice a reminder names: an account's invoice number.
public struct RemindedInvoice: Hashable, Sendable {
    public var accountID: String
    public var number: String

    public init(accountID: String, number: String) {
        self.accountID = accountID
        self.number = number
    }
}
