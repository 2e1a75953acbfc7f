import ArgumentParser
import CustomerCenterModel
import CustomerCenterRender

/// `customer-center links`: the personal URLs as CSV, for a mail merge.
struct LinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Print a CSV of customer id, name, email and personal URL (for a mail merge).",
        discussion: "The URLs are secret: send each only to its customer."
    )

    @OptionGroup var site: ContentOptions

    func run() throws {
        let links: [(customer: Customer, url: String)]
        let options = site.buildOptions()
        do {
            links = try SiteBuilder(options: options).links()
        } catch {
            throw fail(error.problems)
        }
        var csv = CSV.row(["id", "name", "email", "url"])
        for link in links {
            csv += CSV.row([link.customer.id, link.customer.name, link.customer.email ?? "", link.url])
        }
        print(csv, terminator: "")
    }
}
