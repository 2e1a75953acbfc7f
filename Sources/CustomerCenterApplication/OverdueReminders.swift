import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterRender
import Foundation

/// Reminds customers of overdue invoices (`remind`): one message per customer naming each invoice
/// that is overdue by at least the given days, with the money the ledger booked taken into account,
/// and with bank transfers offered the transfer details (IBAN, BIC, each invoice's RF reference and
/// GiroCode). An invoice is reminded at most once in `[reminders].interval_days`: the message is
/// queued in the same ledger transaction that records each invoice it names on that day, so a rerun,
/// or a run resumed after an interruption, sends nothing twice.
public final class OverdueReminders: Sendable {
    private let workspace: Workspace
    private let ledger: any LedgerStore
    private let mailer: Mailer

    /// Reminders over the workspace's content, site and ledger, delivered by `mailer`.
    public init(workspace: Workspace, mailer: Mailer) throws(WorkspaceError) {
        self.workspace = workspace
        self.ledger = try workspace.ledger()
        self.mailer = mailer
    }

    /// Reminds every customer with invoices overdue by `overdueDays` or more as of `asOf` (default:
    /// today in the merchant's time zone; never later than today). Checks every customer file first.
    /// Customers without an email address or page are named in the report and left out.
    public func send(overdueDays: Int, asOf: CalendarDate? = nil) async throws(MailingError) -> MailingReport {
        let config: SiteConfig
        let renderer: SiteRenderer
        let defaults: ContentDefaults
        do {
            config = try workspace.config()
            renderer = try workspace.renderer()
            defaults = try workspace.site().defaults
        } catch {
            throw MailingError(error.problems)
        }
        guard overdueDays >= 1 else { throw MailingError(["--overdue-days \(overdueDays) must be 1 or more; nothing was sent"]) }
        let today = renderer.today
        let day = asOf ?? today
        // A reminder recorded on a later day would hold back the real ones until then.
        guard day <= today else {
            throw MailingError(["--as-of \(day) is after today (\(today)); nothing was sent"])
        }
        let site = MailingSite(renderer: renderer.with(today: day), templatesPath: workspace.options.templatesPath,
                               outputPath: workspace.options.outputPath)
        try site.requireTemplates(SiteRenderer.reminderTemplates, purpose: "remind")
        try site.requireBuild()
        let files: [String]
        do { files = try workspace.checkedCustomerFiles() } catch { throw MailingError(error.problems + ["nothing was sent"]) }

        let interval = config.reminders.intervalDays
        let now = workspace.nowSeconds
        var report = MailingReport()
        // Customers this mailing reminds, or reminded before within the interval.
        var covered: Set<String> = []
        for start in stride(from: 0, to: files.count, by: LinkMailing.chunkSize) {
            var customers: [Customer] = []
            for file in files[start..<min(start + LinkMailing.chunkSize, files.count)] {
                do { customers.append(try CustomerFile.load(path: file, defaults: defaults)) } catch {
                    throw MailingError(error.problems.map(\.description)
                        + ["the file changed during the mailing; \(report.queued) reminders were queued before it, run remind again for the rest"])
                }
            }
            let ids = customers.map(\.id)
            let activities: [String: CustomerActivity]
            let last: [RemindedInvoice: CalendarDate]
            do {
                activities = try ledger.activities(customerIDs: ids, now: now, dateOf: { config.day(ofUnixTime: $0) })
                last = try ledger.lastReminded(customerIDs: ids)
            } catch {
                throw MailingError(["the ledger could not \(error.action): \(error.reason); \(report.queued) reminders were queued before"])
            }
            var due: [(customer: Customer, invoices: [(Account, AccountStatement.InvoiceLine)])] = []
            for customer in customers {
                let activity = activities[customer.id] ?? .none
                var invoices: [(Account, AccountStatement.InvoiceLine)] = []
                for account in customer.accounts where account.kind == .invoice {
                    let statement = AccountStatement(account: account.including(activity.recorded), asOf: day)
                    for line in statement.openInvoices where line.status == .overdue && line.daysOverdue >= overdueDays {
                        let number = line.invoice.number
                        // Money seen on a statement and waiting for the merchant's approval is not overdue to the customer.
                        if activity.transfers.contains(where: { $0.accountID == account.id && $0.invoiceNumber == number && $0.status == .received }) {
                            continue
                        }
                        if let reminded = last[RemindedInvoice(accountID: account.id, number: number)], reminded > day.adding(days: -interval) {
                            report.alreadySent += 1
                            covered.insert(customer.id)
                            continue
                        }
                        invoices.append((account, line))
                    }
                }
                guard !invoices.isEmpty else { continue }
                if let problem = site.problem(with: customer) {
                    let numbers = invoices.map(\.1.invoice.number).joined(separator: ", ")
                    report.skipped.append("\(problem); not reminded of \(numbers)")
                    continue
                }
                due.append((customer, invoices))
            }
            guard !due.isEmpty else { continue }
            var references: [String: [TransferPurpose: CreditorReference]] = [:]
            if config.paymentMethods.contains(.transfer) {
                var purposes: [String: [TransferPurpose]] = [:]
                for entry in due {
                    purposes[entry.customer.id] = entry.invoices.map { .invoice(accountID: $0.0.id, number: $0.1.invoice.number) }
                }
                do { references = try ledger.references(batch: purposes, at: now) } catch {
                    throw MailingError(["the ledger could not \(error.action): \(error.reason); \(report.queued) reminders were queued before"])
                }
            }
            var batch: [(email: OutgoingEmail, mailing: Mailing)] = []
            var named: [Int] = []
            for entry in due {
                let found = references[entry.customer.id] ?? [:]
                let overdue = entry.invoices.map { account, line in
                    OverdueInvoice(account: account, line: line, reference: found[.invoice(accountID: account.id, number: line.invoice.number)])
                }
                let email: OutgoingEmail
                do { email = try mailer.compose(site.renderer.renderReminder(customer: entry.customer, invoices: overdue), to: entry.customer) } catch {
                    report.skipped.append(error.description)
                    continue
                }
                let invoices = overdue.map { RemindedInvoice(accountID: $0.account.id, number: $0.line.invoice.number) }
                batch.append((email, .reminder(customerID: entry.customer.id, invoices: invoices, day: day, intervalDays: interval)))
                named.append(invoices.count)
            }
            let results: [OutgoingEmail?]
            do { results = try await mailer.queue(batch) } catch {
                throw MailingError(["the ledger could not \(error.action): \(error.reason); \(report.queued) reminders were queued before, run remind again for the rest"])
            }
            for ((row, count), item) in zip(zip(results, named), batch) {
                covered.insert(item.email.customerID)
                if row?.id != nil {
                    report.queued += 1
                    report.invoices += count
                } else {
                    // Another run reminded of them meanwhile.
                    report.alreadySent += count
                }
            }
        }
        report.deliveredFromEarlier = await mailer.finishDelivery()
        report.undelivered = MailingSite.undelivered(.reminder, customers: covered, ledger: ledger)
        return report
    }
}
