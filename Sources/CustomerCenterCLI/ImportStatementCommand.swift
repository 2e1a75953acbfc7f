import ArgumentParser
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterApplication
import CustomerCenterRender
import Foundation

/// `customer-center import-statement FILE [--approve-matched]`: matches a bank statement's credits.
struct ImportStatementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-statement",
        abstract: "Import a bank statement (camt.053, camt.054 or CSV) and match its credits by RF reference.",
        discussion: """
            Each credit is recorded once, by the bank's own reference: importing the same or an overlapping
            statement again books nothing twice. Matched credits become received transfers (approve them with
            `customer-center approve`, or at once with --approve-matched); credits without a known reference are
            kept unmatched (`customer-center unmatched`, `customer-center assign`). CSV format: docs/statement-csv.md.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The output folder whose pages are regenerated.")
    var output: String = "site"

    @Argument(help: "The statement file.")
    var file: String

    @Flag(name: .long, help: "Approve every credit whose RF reference matched, booking the amount received.")
    var approveMatched = false

    func run() async throws {
        let access = try await WorkspaceAccess.open(site: site, output: output)
        let started = Date()
        let report: StatementImportReport
        do {
            let transfers = try access.transfers()
            report = try await StatementImport(workspace: access.workspace, transfers: transfers, pages: access.pages)
                .run(path: file, approveMatched: approveMatched)
        } catch let error as TransferActionError {
            throw fail([error.description])
        } catch let error as WorkspaceError {
            throw fail(error.problems)
        }
        await access.finish()
        let format = LocaleFormat(try access.workspace.config().defaultLocale)
        var counts: [String: Int] = [:]
        for credit in report.credits {
            let label: String
            switch credit.outcome {
            case .duplicate: label = "already imported"
            case .received: label = "matched, awaiting approval"
            case .approved: label = "approved"
            case .approvedBefore: label = "approved by hand before"
            case .unmatched(let reason): label = "unmatched: \(reason)"
            case .mismatch(let reason): label = "currency mismatch: \(reason)"
            }
            counts[String(label.prefix { $0 != ":" }), default: 0] += 1
            var comparison = ""
            if let expected = credit.expected, case .received = credit.outcome {
                comparison = Self.compare(credit.credit.amount, expected: expected, format: format)
            } else if let expected = credit.expected, case .approved = credit.outcome {
                comparison = Self.compare(credit.credit.amount, expected: expected, format: format)
            }
            let reference = credit.reference?.printed ?? "-"
            let target = credit.customerID.map { "\($0)/\(credit.accountID ?? "")" } ?? "-"
            print("\(credit.credit.label)  \(credit.credit.bankReference)  \(format.money(credit.credit.amount))  \(credit.credit.payerName ?? "-")  \(reference)  \(target)\(comparison)  → \(label)")
        }
        let elapsed = Date().timeIntervalSince(started)
        let summary = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        print("\(report.credits.count) credits (\(summary)); \(report.debits) debits and reversals skipped; \(String(format: "%.2f", elapsed)) s.")
    }

    static func compare(_ received: Money, expected: Money, format: LocaleFormat) -> String {
        if received == expected { return "  exact" }
        return received > expected ? "  over by \(format.money(received - expected))" : "  under by \(format.money(expected - received))"
    }
}
