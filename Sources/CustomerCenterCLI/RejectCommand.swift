import ArgumentParser
import CustomerCenterApplication

/// `customer-center reject REFERENCE`: a transfer that will not be booked.
struct RejectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject",
        abstract: "Reject an announced or received bank transfer: nothing is booked, the page says so.",
        discussion: "Money that did arrive stays on the bank account: return it to the payer by hand."
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The output folder whose page is regenerated.")
    var output: String = "site"

    @Argument(help: "The RF reference.")
    var reference: String

    @Option(name: .long, help: "Why, for the ledger (not shown to the customer).")
    var reason: String?

    func run() async throws {
        let access = try await WorkspaceAccess.open(site: site, output: output)
        do {
            let row = try await access.transfers().reject(reference: reference, reason: reason)
            await access.finish()
            print("Rejected \(row.creditorReference?.printed ?? row.reference) of \(row.customerID) / \(row.accountID); page regenerated in \(output).")
        } catch let error as TransferActionError {
            throw fail([error.description])
        }
    }
}
