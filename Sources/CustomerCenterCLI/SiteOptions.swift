import ArgumentParser
import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import Foundation
import CustomerCenterRender

/// Options every command that reads content shares.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The content folder: config.toml, customers/, pages/.")
    var content: String = "content"

    @Option(name: .long, help: "The templates folder: *.mustache, strings/, assets/.")
    var templates: String = "Templates"

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Compute statuses (overdue) as of this day, YYYY-MM-DD; default today in the merchant's time zone.", valueName: "date"))
    var asOf: String?

    func validate() throws {
        if let asOf, CalendarDate(iso: asOf) == nil {
            throw ValidationError("--as-of \(asOf) is not a date; write YYYY-MM-DD.")
        }
    }

    func buildOptions(output: String = "site") -> BuildOptions {
        var options = BuildOptions(contentPath: content, templatesPath: templates, outputPath: output,
                                   today: asOf.flatMap(CalendarDate.init(iso:)))
        // Pages show what the ledger booked since the export, when there is a ledger. A broken
        // configuration is reported by the build itself.
        if let config = try? ContentFolder(path: content).loadConfig(),
           FileManager.default.fileExists(atPath: config.receiver.ledgerPath),
           let ledger = try? Ledger(path: config.receiver.ledgerPath) {
            options.recordedPayments = { customerID in
                try ledger.recordedPayments(customerID: customerID, dateOf: { config.day(ofUnixTime: $0) })
            }
        }
        return options
    }
}

/// Prints each problem as one `error: ...` line on standard error and exits with status 1.
func fail(_ problems: [String]) -> ExitCode {
    for problem in problems {
        StandardError.write("error: \(problem)\n")
    }
    return ExitCode(1)
}
