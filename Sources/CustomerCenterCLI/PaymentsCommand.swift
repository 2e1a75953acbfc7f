import ArgumentParser
import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel

/// `customer-center payments CUSTOMER`: the ledger entries of one customer and how each was allocated.
struct PaymentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payments",
        abstract: "List a customer's ledger entries (payments, refunds) and their allocations."
    )

    @OptionGroup var site: ContentOptions

    @Argument(help: "The customer id.")
    var customer: String

    func run() throws {
        let (_, ledger) = try LedgerAccess.open(contentPath: site.content)
        let entries: [LedgerPayment]
        do { entries = try ledger.entries(customerID: customer) } catch { throw fail([error.description]) }
        guard !entries.isEmpty else {
            print("No ledger entries for customer \(customer).")
            return
        }
        for entry in entries {
            let amount = entry.amount.description
            print("#\(entry.id ?? 0) \(entry.kind.rawValue) \(amount) via \(entry.provider) \(entry.providerPaymentID) -> \(entry.accountID ?? "?") [\(entry.status.rawValue)]"
                  + (entry.note.map { " (\($0))" } ?? ""))
            let allocations = (try? ledger.allocations(paymentRowID: entry.id ?? 0)) ?? []
            for allocation in allocations {
                let money = Money(minorUnits: allocation.amountMinor, currency: entry.currency).description
                print("    \(allocation.invoiceNumber ?? "credit"): \(money)")
            }
        }
    }
}
