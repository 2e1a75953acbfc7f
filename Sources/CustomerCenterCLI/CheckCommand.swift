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
        let options = site.checkOptions()
        do {
            print(try SiteBuilder(options: options).check().summary)
        } catch {
            throw fail(error.problems)
        }
    }
}
