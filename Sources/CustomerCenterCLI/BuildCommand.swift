import ArgumentParser
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

    func run() throws {
        do {
            let report = try SiteBuilder(options: site.buildOptions(output: output)).build(progress: .automatic())
            print(report.summary)
        } catch {
            throw fail(error.problems)
        }
    }
}
