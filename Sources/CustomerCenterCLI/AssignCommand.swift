import ArgumentParser
import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterReceiver
import Foundation

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
        let (config, ledger) = try LedgerAccess.open(contentPath: site.content)
        let path = ContentFolder(path: site.content).customerPath(id: customer)
        guard CustomerFile.isValidID(customer), FileManager.default.fileExists(atPath: path) else {
            throw fail(["no customer \"\(customer)\": \(path) does not exist"])
        }
        let loaded: Customer
        do { loaded = try CustomerFile.load(path: path, defaults: ContentDefaults(config)) } catch {
            throw fail(error.problems.map(\.description))
        }
        guard let target = loaded.accounts.first(where: { $0.id == account }) else {
            throw fail(["customer \(customer) has no account \"\(account)\""])
        }
        if let invoice, !target.invoices.contains(where: { $0.number == invoice }) {
            throw fail(["account \(account) has no invoice \"\(invoice)\""])
        }
        let result: Result<LedgerPayment, Ledger.AssignProblem>
        do {
            result = try ledger.assign(rowID: entry, customerID: customer, account: target, invoiceNumber: invoice,
                                       at: Int(Date().timeIntervalSince1970), dateOf: { config.day(ofUnixTime: $0) })
        } catch {
            throw fail([error.description])
        }
        switch result {
        case .failure(let problem): throw fail([problem.description])
        case .success(let row):
            print("Booked entry #\(entry) (\(row.amount.description)) to \(customer) / \(account).")
        }
        // Starting the receiver's library rewrites every page the ledger marks, this one included.
        do {
            let receiver = try await Receiver.start(options: ReceiverOptions(contentPath: site.content, templatesPath: site.templates, outputPath: output))
            await receiver.waitForPages()
            print("Page of customer \(customer) regenerated in \(output).")
        } catch {
            throw fail(error.problems)
        }
    }
}
