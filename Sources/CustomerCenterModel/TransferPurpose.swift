/// What a bank transfer is for, so that its reference can be found again: a prepaid account's
/// permanent top-up reference, or one open invoice.
public enum TransferPurpose: Hashable, Sendable {
    /// Top-ups of a prepaid account (permanent reference).
    case prepaid(accountID: String)
    /// One invoice of an invoice account.
    case invoice(accountID: String, number: String)

    /// The account the money goes to.
    public var accountID: String {
        switch self {
        case .prepaid(let accountID), .invoice(let accountID, _): accountID
        }
    }

    /// The invoice, if any.
    public var invoiceNumber: String? {
        switch self {
        case .prepaid: nil
        case .invoice(_, let number): number
        }
    }
}
