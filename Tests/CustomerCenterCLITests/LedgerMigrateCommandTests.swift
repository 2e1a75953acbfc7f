import CustomerCenterLedgerPostgres
import CustomerCenterLedgerTestSupport
import CustomerCenterTestSupport
import Foundation
import Testing

/// `customer-center ledger migrate --to postgresql://…` as a merchant runs it (issue 15): the demo's
/// SQLite ledger after a build, a top-up announced and approved, another rejected and the personal
/// links mailed, copied into a new PostgreSQL database. Every page built from the copy is byte for byte
/// the page built from the SQLite ledger, the commands read the same, and a second copy is refused.
@Suite(.enabled(if: LedgerEngineKind.available.contains(.postgresql)))
struct LedgerMigrateCommandTests {
    let cli = CommandLineTests()

    @Test func theCopyBuildsTheSamePagesAndASecondCopyIsRefused() async throws {
        let folder = TemporaryFolder("cli-ledger-migrate").copyDemo()
        let asOf = ["--as-of", "2026-11-29"]
        #expect(try await cli.run(["build"] + asOf, in: folder).status == 0)
        let requested = try await cli.run(["request-transfer", "1004", "--account", "1004-KARTE", "--amount", "20,00"], in: folder)
        let rejected = try await cli.run(["request-transfer", "1008", "--account", "1008-PREPAID", "--amount", "30,00"], in: folder)
        #expect(requested.status == 0 && rejected.status == 0, "\(requested.stderr) \(rejected.stderr)")
        #expect(try await cli.run(["approve", try OfflineCommandTests().reference(requested.stdout)], in: folder).status == 0)
        #expect(try await cli.run(["reject", try OfflineCommandTests().reference(rejected.stdout)], in: folder).status == 0)
        #expect(try await cli.run(["send-links", "--all"], in: folder).status == 0)

        let (url, name) = try TestLedger.createDatabase()
        defer { try? PostgresDatabases.drop(name, server: try LedgerEngineKind.serverURL()) }
        let copied = try await cli.run(["ledger", "migrate", "--to", url.description], in: folder)
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copied.stdout.contains("payment: 1 row\n"), "\(copied.stdout)")
        #expect(copied.stdout.contains("transfer: 2 rows\n"), "\(copied.stdout)")
        #expect(copied.stdout.contains("Copied ") && copied.stdout.contains("Checked: every table's row count and the money of "), "\(copied.stdout)")
        #expect(copied.stdout.contains("Next: set [receiver] ledger = \"\(url)\""), "\(copied.stdout)")

        // The same site from either engine, and the same answers.
        let postgres = ["CUSTOMER_CENTER_LEDGER_URL": url.description]
        #expect(try await cli.run(["build", "--output", "from-sqlite"] + asOf, in: folder).status == 0)
        let built = try await cli.run(["build", "--output", "from-postgres"] + asOf, in: folder, environment: postgres)
        #expect(built.status == 0, "\(built.stderr)")
        let pages = folder.files(under: "from-sqlite")
        #expect(pages.count > 20)
        #expect(folder.files(under: "from-postgres") == pages)
        let differing = pages.filter { folder.read("from-sqlite/" + $0) != folder.read("from-postgres/" + $0) }
        #expect(differing.isEmpty, "pages that differ: \(differing.prefix(5))")
        for command in [["payments", "1004"], ["transfers"], ["emails"], ["unmatched"], ["aging", "--as-of", "2026-11-29"]] {
            let fromSQLite = try await cli.run(command, in: folder)
            let fromPostgres = try await cli.run(command, in: folder, environment: postgres)
            #expect(fromPostgres.status == 0 && fromPostgres.stdout == fromSQLite.stdout, "\(command): \(fromPostgres.stderr)")
        }

        // Again into the same database: refused in one line, nothing changed.
        let again = try await cli.run(["ledger", "migrate", "--to", url.description], in: folder)
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("error: \(url): cannot copy the ledger: the target is not empty: table payment holds 1 row (copy only"), "\(again.stderr)")
        #expect(again.stderr.split(separator: "\n").count == 1, "\(again.stderr)")
        #expect(try await cli.run(["payments", "1004"], in: folder, environment: postgres).stdout
                == (try await cli.run(["payments", "1004"], in: folder)).stdout)

        // No SQLite ledger to copy, and a URL that is not one: one line each, naming what is wrong.
        let missing = try await cli.run(["ledger", "migrate", "--to", url.description, "--from", "nowhere.sqlite"], in: folder)
        #expect(missing.status == 1 && missing.stderr == "error: nowhere.sqlite: no SQLite ledger here (nothing to copy; --from names another file)\n",
                "\(missing.stderr)")
        let malformed = try await cli.run(["ledger", "migrate", "--to", "postgresql://ledger:s3cret@db.example:99999/cc"], in: folder)
        #expect(malformed.status == 1 && malformed.stderr == "error: ledger postgresql://ledger:***@db.example:99999/cc: port 99999 is out of range\n",
                "\(malformed.stderr)")
    }
}
