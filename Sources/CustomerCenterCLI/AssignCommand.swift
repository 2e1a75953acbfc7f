import ArgumentParser
import CustomerCenterApplication
import CustomerCenterLedger

/// `customer-center assign ENTRY --customer ID --account ID`: books unmatched money by hand.
struct AssignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Book an unmatched ledger entry to a customer's account, then regenerate that page."
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The output folder whose page is regenerated.")
    var output: String = "site"

    @Argument(help: "The entry number shown by `customer-center unmatched`.")
    var entry: Int64

    @Option(name: .long, help: "The customer id.")
    var customer: String

    @Option(name: .long, help: "The account id.")
    var account: String

    @Option(name: .long, help: "The invoice the money is for, if any.")
    var invoice: String?

    func run() async throws {
        let access = try await WorkspaceAccess.open(site: site, output: output)
        let row: LedgerPayment
        do {
            row = try await UnmatchedMoney(workspace: access.workspace, pages: access.pages)
                .assign(entry: entry, customerID: customer, accountID: account, invoice: invoice)
        } catch let error as AssignmentError {
            throw fail(error.problems)
        } catch let error as WorkspaceError {
            throw fail(error.problems)
        }
        await access.finish()
        print("Booked entry #\(entry) (\(row.amount.description)) to \(customer) / \(account).")
        print("Page of customer \(customer) regenerated in \(output).")
    }
}
