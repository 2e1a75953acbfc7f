import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterRender
import Foundation

/// Mails customers their personal links (`send-links`, and `rotate-link` for the new one), through the
/// mail queue: each message is queued in the same ledger transaction that records (customer, link
/// version) as mailed, so a mailing that is interrupted, or simply run again, skips every customer
/// already done and sends each link version once. The message holds no secret but the link itself.
public final class LinkMailing: Sendable {
    private let workspace: Workspace
    private let ledger: any LedgerStore
    private let mailer: Mailer

    /// Mailings over the workspace's content, site and ledger, delivered by `mailer`.
    public init(workspace: Workspace, mailer: Mailer) throws(WorkspaceError) {
        self.workspace = workspace
        self.ledger = try workspace.ledger()
        self.mailer = mailer
    }

    /// Mails the link to each of `customerIDs` whose current link version was not mailed before. All of
    /// them are checked first: an unknown id, a customer without an email address (or one that cannot
    /// be mailed) or without a page stops the mailing with every problem named, and nothing is sent.
    public func send(to customerIDs: [String]) async throws(MailingError) -> MailingReport {
        let site = try mailingSite()
        // Every id in the order given: the customer, or why there is none.
        var named: [Result<Customer, MailingProblem>] = []
        var seen: Set<String> = []
        for id in customerIDs where seen.insert(id).inserted {
            do { named.append(.success(try workspace.customer(id))) } catch {
                named.append(.failure(MailingProblem(error.problems.joined(separator: "; "))))
            }
        }
        let mailed = try mailedVersions(named.compactMap { entry in if case .success(let customer) = entry { customer.id } else { nil } })
        var report = MailingReport()
        var covered: Set<String> = []
        var problems: [String] = []
        var batch: [(email: OutgoingEmail, mailing: Mailing)] = []
        for entry in named {
            switch entry {
            case .failure(let problem):
                problems.append(problem.description)
            case .success(let customer) where mailed[customer.id]?.contains(customer.linkVersion) == true:
                report.alreadySent += 1
                covered.insert(customer.id)
            case .success(let customer):
                switch message(for: customer, site: site) {
                case .success(let item): batch.append(item)
                case .failure(let problem): problems.append(problem.description)
                }
            }
        }
        guard problems.isEmpty else {
            throw MailingError(problems + ["nothing was sent: fix the customers named above, or leave them out, and run send-links again"])
        }
        try await queue(batch, report: &report, covered: &covered)
        return await finished(report, covered: covered)
    }

    /// Mails every customer whose current link version was not mailed before, after the build's check
    /// pass over all customer files (a broken file stops it before anything is sent). Customers without
    /// an email address, with one that cannot be mailed, or without a page are named in the report
    /// and left out; the others are mailed. Customers are queued a chunk at a time, each chunk in one
    /// transaction, while the queue is delivered.
    public func sendAll() async throws(MailingError) -> MailingReport {
        let site = try mailingSite()
        let files: [String]
        do { files = try workspace.checkedCustomerFiles() } catch { throw MailingError(error.problems + ["nothing was sent"]) }
        let defaults: ContentDefaults
        do { defaults = try workspace.site().defaults } catch { throw MailingError(error.problems) }
        var report = MailingReport()
        var covered: Set<String> = []
        for start in stride(from: 0, to: files.count, by: Self.chunkSize) {
            var customers: [Customer] = []
            for file in files[start..<min(start + Self.chunkSize, files.count)] {
                do { customers.append(try CustomerFile.load(path: file, defaults: defaults)) } catch {
                    throw MailingError(error.problems.map(\.description)
                        + ["the file changed during the mailing; \(report.queued) links were queued before it, run send-links --all again for the rest"])
                }
            }
            let mailed = try mailedVersions(customers.map(\.id))
            var batch: [(email: OutgoingEmail, mailing: Mailing)] = []
            for customer in customers {
                if mailed[customer.id]?.contains(customer.linkVersion) == true {
                    report.alreadySent += 1
                    covered.insert(customer.id)
                    continue
                }
                switch message(for: customer, site: site) {
                case .success(let item): batch.append(item)
                case .failure(let problem): report.skipped.append(problem.description)
                }
            }
            try await queue(batch, report: &report, covered: &covered)
        }
        return await finished(report, covered: covered)
    }

    /// Mails `customer` the link of their current version after `rotate-link` (the wording says the
    /// old link no longer works), unless that version was mailed already. Throws naming the problem
    /// when they have no usable address or no page.
    public func sendRenewed(_ customer: Customer) async throws(MailingError) -> MailingReport {
        let site = try mailingSite()
        var report = MailingReport()
        var covered: Set<String> = [customer.id]
        if try mailedVersions([customer.id])[customer.id]?.contains(customer.linkVersion) != true {
            switch message(for: customer, site: site) {
            case .success(let item): try await queue([item], report: &report, covered: &covered)
            case .failure(let problem): throw MailingError([problem.description])
            }
        } else {
            report.alreadySent = 1
        }
        return await finished(report, covered: covered)
    }

    /// Checks that `customer` could be mailed their renewed link (an address that can be mailed),
    /// before `rotate-link` changes anything.
    public func checkAddress(of customer: Customer) throws(MailingError) {
        let site = try mailingSite()
        do { _ = try mailer.compose(site.renderer.renderPersonalLink(customer: customer, renewed: true), to: customer) } catch {
            throw MailingError([error.description])
        }
    }

    /// Customers per ledger transaction.
    static let chunkSize = 256

    private func mailingSite() throws(MailingError) -> MailingSite {
        let renderer: SiteRenderer
        do { renderer = try workspace.renderer() } catch { throw MailingError(error.problems) }
        let site = MailingSite(renderer: renderer, templatesPath: workspace.options.templatesPath, outputPath: workspace.options.outputPath)
        try site.requireTemplates(SiteRenderer.personalLinkTemplates, purpose: "send-links and rotate-link")
        try site.requireBuild()
        return site
    }

    private func mailedVersions(_ ids: [String]) throws(MailingError) -> [String: Set<Int>] {
        do { return try ledger.mailedLinkVersions(customerIDs: ids) } catch {
            throw MailingError(["the ledger could not \(error.action): \(error.reason); nothing more was sent"])
        }
    }

    /// The composed message with the link of `customer`'s current version, or why there is none.
    private func message(for customer: Customer, site: MailingSite) -> Result<(email: OutgoingEmail, mailing: Mailing), MailingProblem> {
        if let problem = site.problem(with: customer) { return .failure(MailingProblem(problem)) }
        // A version above 1 replaced an earlier link: say that the old one no longer works.
        let rendered = site.renderer.renderPersonalLink(customer: customer, renewed: customer.linkVersion > 1)
        do {
            return .success((try mailer.compose(rendered, to: customer), .personalLink(customerID: customer.id, linkVersion: customer.linkVersion)))
        } catch {
            return .failure(MailingProblem(error.description))
        }
    }

    private func queue(_ batch: [(email: OutgoingEmail, mailing: Mailing)], report: inout MailingReport,
                       covered: inout Set<String>) async throws(MailingError) {
        let results: [OutgoingEmail?]
        do { results = try await mailer.queue(batch) } catch {
            throw MailingError(["the ledger could not \(error.action): \(error.reason); \(report.queued) links were queued before, run the command again for the rest"])
        }
        for (row, item) in zip(results, batch) {
            covered.insert(item.email.customerID)
            if row?.id != nil {
                report.queued += 1
            } else {
                // Recorded meanwhile by another run.
                report.alreadySent += 1
            }
        }
    }

    private func finished(_ report: MailingReport, covered: Set<String>) async -> MailingReport {
        var report = report
        report.deliveredFromEarlier = await mailer.finishDelivery()
        report.undelivered = MailingSite.undelivered(.personalLink, customers: covered, ledger: ledger)
        return report
    }
}

/// One customer left out of a mailing, and why (a line for the merchant).
struct MailingProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
