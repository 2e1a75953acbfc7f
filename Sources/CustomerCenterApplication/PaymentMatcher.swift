import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import Foundation

/// Decides where an event's money belongs by reading the named customer's content file: the content
/// is the source for customers, accounts and invoices. Anything unknown becomes `unmatched`, a
/// currency that differs becomes `currencyMismatch`; neither is ever booked as if it matched. A file
/// that exists but does not load is a failure, not a match: the event is delivered again later.
struct PaymentMatcher: Sendable {
    let workspace: Workspace

    func target(for event: PaymentEvent) -> Result<BookingTarget, PaymentBooking.Failure> {
        guard let customerID = event.customerID, CustomerFile.isValidID(customerID) else {
            return .success(.unmatched(reason: "no customer id in the event"))
        }
        let found: Customer?
        do { found = try workspace.customerIfPresent(customerID) } catch {
            return .failure(.content(customerID: customerID, problems: error.problems))
        }
        guard let customer = found else { return .success(.unmatched(reason: "unknown customer \(customerID)")) }
        guard let accountID = event.accountID, let account = customer.accounts.first(where: { $0.id == accountID }) else {
            return .success(.unmatched(reason: "unknown account \(event.accountID ?? "(none)") of customer \(customerID)"))
        }
        guard account.currency == event.amount.currency else {
            return .success(.currencyMismatch(customerID: customerID, accountID: accountID,
                                              reason: "currency \(event.amount.currency.code) differs from the account's \(account.currency.code)"))
        }
        if let invoice = event.invoiceNumber, account.kind == .invoice, !account.invoices.contains(where: { $0.number == invoice }) {
            return .success(.unmatched(reason: "unknown invoice \(invoice) on account \(accountID)"))
        }
        return .success(.account(customerID: customerID, account: account))
    }
}
