import CustomerCenterModel

/// Where an event's money belongs, as decided from the content before booking.
public enum BookingTarget: Sendable {
    /// A known account of a known customer, in the account's currency. `account` is the account as
    /// the content describes it, so the allocation can be computed and recorded.
    case account(customerID: String, account: Account)
    /// Customer, account or invoice unknown; `reason` says which.
    case unmatched(reason: String)
    /// The account exists but the currency differs.
    case currencyMismatch(customerID: String, accountID: String, reason: String)
}
