import ArgumentParser
import CustomerCenterLedger

/// `customer-center unmatched`: money that could not be booked to an account.
struct UnmatchedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unmatched",
        abstract: "List money the receiver kept but could not book (unknown customer, account, invoice or currency).",
        discussion: "Book an entry with `customer-center assign ENTRY --customer ID --account ID`."
    )

    @OptionGroup var site: ContentOptions

    func run() throws {
        let (_, ledger) = try LedgerAccess.open(contentPath: site.content)
        let entries: [LedgerPayment]
        do { entries = try ledger.unmatched() } catch { throw fail([error.description]) }
        guard !entries.isEmpty else {
            print("No unmatched money.")
            return
        }
        for entry in entries {
            let amount = entry.amount.description
            print("#\(entry.id ?? 0) \(amount) via \(entry.provider) \(entry.providerPaymentID) named customer \(entry.customerID ?? "-") account \(entry.accountID ?? "-"): \(entry.note ?? entry.status.rawValue)")
        }
    }
}
