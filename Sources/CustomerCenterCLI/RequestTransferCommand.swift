import ArgumentParser
import CustomerCenterApplication

/// `customer-center request-transfer CUSTOMER --account ID --amount 50,00`: a top-up request on a
/// customer's behalf (they asked by phone or letter).
struct RequestTransferCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request-transfer",
        abstract: "Ask a customer to top up a prepaid account by bank transfer: fresh reference, email, page.",
        discussion: "The same as the customer choosing \"bank transfer\" on their page's top-up form."
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The output folder whose page is regenerated.")
    var output: String = "site"

    @Argument(help: "The customer id.")
    var customer: String

    @Option(name: .long, help: "The prepaid account id.")
    var account: String

    @Option(name: .long, help: "The amount to transfer, e.g. 50,00.")
    var amount: String

    func run() async throws {
        let access = try await WorkspaceAccess.open(site: site, output: output)
        do {
            let transfer = try await access.transfers().request(customerID: customer, accountID: account, amount: amount)
            await access.finish()
            print("Announced \(transfer.creditorReference?.printed ?? transfer.reference) for \(customer) / \(account); payment request queued (see `customer-center emails`), page regenerated in \(output).")
        } catch let error as TransferActionError {
            throw fail([error.description])
        }
    }
}
