import ArgumentParser
import CustomerCenterModel
import CustomerCenterRender

/// `customer-center build`: generates the whole site.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Generate the site: one personal page per customer, content pages, assets, headers.",
        discussion: "Files whose bytes did not change are not rewritten; files no longer produced are removed."
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The output folder; created if missing.")
    var output: String = "site"

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Compute statuses (overdue) as of this day, YYYY-MM-DD; default today in the merchant's time zone.", valueName: "date"))
    var asOf: String?

    func validate() throws {
        if let asOf, CalendarDate(iso: asOf) == nil {
            throw ValidationError("--as-of \(asOf) is not a date; write YYYY-MM-DD.")
        }
    }

    func run() throws {
        let options = try site.buildOptions(output: output, today: asOf.flatMap(CalendarDate.init(iso:)))
        do {
            let report = try SiteBuilder(options: options).build(progress: .automatic())
            print(report.summary)
            if let note = report.temporaryFilesNote { print(note) }
            for warning in report.warnings { StandardError.write("warning: \(warning)\n") }
        } catch {
            throw fail(error.problems)
        }
    }
}
