import ArgumentParser
import CustomerCenterApplication
import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterLedgerPostgres
import Foundation

/// `customer-center ledger migrate --to postgresql://…`: copies the SQLite ledger into an empty
/// PostgreSQL ledger (docs/operations.md, "Moving the ledger to PostgreSQL").
struct LedgerMigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy the SQLite ledger into an empty PostgreSQL ledger and check the copy.",
        discussion: """
            Stop every receiver first. The target database must exist and hold no ledger rows (its tables are
            created). Everything is copied in one transaction, then row counts and the money per account are
            compared with the source before the commit: on any difference nothing is kept. The password comes
            from the URL, CUSTOMER_CENTER_LEDGER_PASSWORD, ledger_password in the secrets file, or PGPASSWORD.
            Then point [receiver] ledger or CUSTOMER_CENTER_LEDGER_URL at the new ledger.
            """
    )

    @OptionGroup var site: ContentOptions

    @Option(name: .customLong("to"), help: "The PostgreSQL ledger to copy into: postgresql://user@host:5432/database")
    var target: String

    @Option(name: .customLong("from"), help: "The SQLite ledger to copy (default: [receiver] ledger_path of the configuration).")
    var source: String?

    func run() throws {
        let config: SiteConfig
        do { config = try ContentFolder(path: site.content).loadConfig() } catch { throw fail([error.description]) }
        let path = source ?? config.receiver.ledgerPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw fail(["\(path): no SQLite ledger here (nothing to copy; --from names another file)"])
        }
        let url: PostgresLedgerURL
        do { url = try PostgresLedgerURL(target) } catch { throw fail([error.description]) }
        let environment = ProcessInfo.processInfo.environment
        let contentPath = site.content
        do {
            let export = try LedgerExport(try Ledger(path: path))
            let ledger = try LedgerEngine.postgres(url, environment: environment, secrets: { () throws(WorkspaceError) -> SecretSource in
                do { return try SecretSource(config: config, contentFolder: contentPath, environment: environment) } catch {
                    throw WorkspaceError("load secrets", problems: ["\(error)"])
                }
            }, logger: .init(label: "customer-center"))
            defer { ledger.close() }
            let report = try ledger.importLedger(export)
            for (table, count) in report.rows { print("\(table): \(count) \(count == 1 ? "row" : "rows")") }
            let total = report.rows.reduce(0) { $0 + $1.count }
            print("Copied \(total) rows from \(path) to \(url). Checked: every table's row count and the money of "
                  + "\(report.totals.accounts.count) accounts are the same in both.")
            print("Next: set [receiver] ledger = \"\(url)\" in config.toml, or CUSTOMER_CENTER_LEDGER_URL, and start the receivers.")
        } catch {
            throw fail([error.description])
        }
    }
}
