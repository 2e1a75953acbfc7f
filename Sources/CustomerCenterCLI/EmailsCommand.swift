import ArgumentParser
import CustomerCenterLedger
import CustomerCenterApplication
import Foundation

/// `customer-center emails [--all] [--retry]`: the email queue.
struct EmailsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emails",
        abstract: "List emails not yet delivered (queued for a retry, or failed); --retry delivers them now.",
        discussion: "`serve` retries due emails every minute; a message is never dropped."
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The output folder (pages marked in the ledger are rewritten on the way).")
    var output: String = "site"

    @Flag(name: .long, help: "List sent emails too.")
    var all = false

    @Flag(name: .long, help: "Try to deliver queued and failed emails now.")
    var retry = false

    func run() async throws {
        if retry {
            let access = try await WorkspaceAccess.open(site: site, output: output)
            let result: (sent: Int, failed: Int)
            do { result = try await access.mailer.retryAll() } catch { throw fail([error.description + "; nothing was sent"]) }
            await access.finish()
            print("Delivered \(result.sent), still failing \(result.failed).")
        }
        let (_, ledger) = try LedgerAccess.open(contentPath: site.content)
        let rows: [OutgoingEmail]
        do { rows = try ledger.emails(all: all) } catch { throw fail([error.description]) }
        guard !rows.isEmpty else {
            print(all ? "No emails." : "No emails waiting: every message was delivered.")
            return
        }
        for row in rows {
            var line = "#\(row.id ?? 0) \(row.status.rawValue) \(row.kind.rawValue) to \(row.customerID) <\(row.recipient)> \"\(row.subject)\" attempts \(row.attempts)"
            if let delivery = row.delivery { line += ": \(delivery)" }
            if let error = row.lastError { line += ": \(error)" }
            print(line)
        }
    }
}
