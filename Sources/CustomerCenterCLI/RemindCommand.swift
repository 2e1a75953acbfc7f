import ArgumentParser
import CustomerCenterApplication
import CustomerCenterModel

/// `customer-center remind [--overdue-days N]`: reminders of overdue invoices.
struct RemindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Email every customer with overdue invoices a reminder: amounts, due dates, page link, transfer details.",
        discussion: """
            An invoice is overdue when something of it is open (the ledger's payments included) after its due
            date. Each invoice is reminded at most once in [reminders].interval_days (default 14): the reminder
            is recorded in the ledger in the transaction that queues it, so running the command again (after an
            interruption, too) sends nothing twice. Every customer file is checked first, as `build` does;
            customers without an email address or page are named as warnings and left out.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The output folder that holds the built pages (each customer's page must be there).")
    var output: String = "site"

    @Option(name: .customLong("overdue-days"), help: "Remind of invoices at least this many days past their due date.")
    var overdueDays: Int = 1

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Decide what is overdue as of this day, YYYY-MM-DD (not after today); default today in the merchant's time zone.", valueName: "date"))
    var asOf: String?

    func validate() throws {
        if overdueDays < 1 { throw ValidationError("--overdue-days \(overdueDays) must be 1 or more.") }
        if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of \(asOf) is not a date; write YYYY-MM-DD.") }
    }

    func run() async throws {
        let access = try await WorkspaceAccess.open(site: site, output: output)
        let report: MailingReport
        do {
            report = try await access.reminders().send(overdueDays: overdueDays, asOf: asOf.flatMap(CalendarDate.init(iso:)))
        } catch let error as MailingError {
            await access.finish()
            throw fail(error.problems)
        }
        await access.finish()
        for line in report.skipped { StandardError.write("warning: \(line)\n") }
        print(MailingSummary.reminders(report))
    }
}
