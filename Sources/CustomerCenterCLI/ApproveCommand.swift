import ArgumentParser
import CustomerCenterApplication
import CustomerCenterRender

/// `customer-center approve REFERENCE [--amount 50,00] [--date 2026-11-28]`: books a bank transfer.
struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve a bank transfer: book the amount received, regenerate the page, send the receipt.",
        discussion: """
            REFERENCE is the RF reference (spaces and case do not matter). The amount defaults to what the
            statement showed, else to what the customer announced; give --amount when it differs. Over- and
            underpayments follow the usual rules: the oldest open invoice first, the rest becomes credit.
            Approving the same transfer twice is refused.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The output folder whose page is regenerated.")
    var output: String = "site"

    @Argument(help: "The RF reference, e.g. \"RF47 1234 5678 9012\".")
    var reference: String

    @Option(name: .long, help: "The amount actually received, e.g. 50,00.")
    var amount: String?

    @Option(name: .long, help: "The day the money arrived (YYYY-MM-DD); default: the statement's booking day, else today.")
    var date: String?

    @Flag(name: .long, help: "Book a second transfer of the same amount on the same day to a permanent reference.")
    var again = false

    func run() async throws {
        let access = try await WorkspaceAccess.open(site: site, output: output)
        let report: ApprovalReport
        do {
            report = try await access.transfers().approve(reference: reference, amount: amount, date: date, allowRepeat: again)
        } catch let error as TransferActionError {
            throw fail([error.description])
        }
        await access.finish()
        let format = LocaleFormat(try access.workspace.config().defaultLocale)
        let amountText = format.money(report.payment.amount)
        print("Approved \(report.transfer.creditorReference?.printed ?? report.transfer.reference): \(amountText) booked to \(report.transfer.customerID) / \(report.transfer.accountID) (\(report.customerName)).")
        for allocation in report.allocations {
            let part = format.money(.init(minorUnits: allocation.amountMinor, currency: report.payment.currency))
            print("  \(allocation.invoiceNumber.map { "invoice \($0)" } ?? "credit on the account"): \(part)")
        }
        print("Page regenerated in \(output); receipt queued (see `customer-center emails`).")
    }
}
