import ArgumentParser
import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterApplication
import CustomerCenterRender
import Foundation

/// `--content`, for commands that read only the content folder.
struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: "The content folder: config.toml, customers/, pages/.")
    var content: String = "content"

    /// Options over this content folder for commands that read content only (no ledger, nothing written).
    func buildOptions() -> BuildOptions {
        BuildOptions(contentPath: content)
    }
}

/// `--content` and `--templates`, for commands that render pages.
struct SiteOptions: ParsableArguments {
    @OptionGroup var contentOptions: ContentOptions

    @Option(name: .long, help: "The templates folder: *.mustache, strings/, assets/.")
    var templates: String = "Templates"

    var content: String { contentOptions.content }

    /// Options for rendering pages: with the ledger (opened, or created when missing).
    func buildOptions(output: String = "site", today: CalendarDate? = nil) throws -> BuildOptions {
        try makeBuildOptions(content: content, templates: templates, output: output, today: today)
    }

    /// Options for `check`: reads everything, writes nothing, so the ledger is left alone.
    func checkOptions() -> BuildOptions {
        BuildOptions(contentPath: content, templatesPath: templates)
    }
}

/// Build options that include the ledger's bookings when there is a ledger: pages show what the
/// receiver booked since the export. A ledger that exists but cannot be opened stops the command,
/// rather than publishing pages without that money. A broken configuration is left for the build
/// to report with its own message.
func makeBuildOptions(content: String, templates: String, output: String, today: CalendarDate?) throws -> BuildOptions {
    let options = BuildOptions(contentPath: content, templatesPath: templates, outputPath: output, today: today)
    guard let config = try? ContentFolder(path: content).loadConfig() else { return options }
    // The ledger is created when missing: it hands out the transfers' RF references.
    let ledger: any LedgerStore
    do {
        ledger = try LedgerEngine.open(config: config, contentPath: content, environment: ProcessInfo.processInfo.environment)
    } catch {
        throw fail(error.problems)
    }
    return options.reading(ledger, config: config)
}

/// Prints each problem as one `error: ...` line on standard error and exits with status 1.
func fail(_ problems: [String]) -> ExitCode {
    for problem in problems {
        StandardError.write("error: \(problem)\n")
    }
    return ExitCode(1)
}
