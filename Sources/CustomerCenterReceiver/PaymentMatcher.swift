import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import Foundation

/// Decides where an event's money belongs by reading the named customer's content file: the content
/// is the source for customers, accounts and invoices. Anything unknown becomes `unmatched`, a
/// currency that differs becomes `currencyMismatch`; neither is ever booked as if it matched.
struct PaymentMatcher: Sendable {
    let content: ContentFolder
    let defaults: ContentDefaults
    let customers = CustomerFileCache()

    func target(for event: PaymentEvent) -> BookingTarget {
        guard let customerID = event.customerID, CustomerFile.isValidID(customerID) else {
            return .unmatched(reason: "no customer id in the event")
        }
        let path = content.customerPath(id: customerID)
        guard FileManager.default.fileExists(atPath: path) else { return .unmatched(reason: "unknown customer \(customerID)") }
        guard let customer = try? customers.load(path: path, defaults: defaults) else {
            return .unmatched(reason: "the content file of customer \(customerID) does not load")
        }
        guard let accountID = event.accountID, let account = customer.accounts.first(where: { $0.id == accountID }) else {
            return .unmatched(reason: "unknown account \(event.accountID ?? "(none)") of customer \(customerID)")
        }
        guard account.currency == event.amount.currency else {
            return .currencyMismatch(customerID: customerID, accountID: accountID,
                                     reason: "currency \(event.amount.currency.code) differs from the account's \(account.currency.code)")
        }
        if let invoice = event.invoiceNumber, account.kind == .invoice, !account.invoices.contains(where: { $0.number == invoice }) {
            return .unmatched(reason: "unknown invoice \(invoice) on account \(accountID)")
        }
        return .account(customerID: customerID, account: account)
    }
}
