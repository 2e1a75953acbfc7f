import ArgumentParser
import CustomerCenterRender

/// `customer-center check`: validates content and templates, writes nothing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate configuration, secrets, templates, pages and customer files; write nothing."
    )

    @OptionGroup var site: SiteOptions

    func run() throws {
        do {
            print(try SiteBuilder(options: site.buildOptions()).check().summary)
        } catch {
            throw fail(error.problems)
        }
    }
}
