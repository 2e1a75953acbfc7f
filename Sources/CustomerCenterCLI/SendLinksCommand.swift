import ArgumentParser
import CustomerCenterApplication

/// `customer-center send-links [CUSTOMER...|--all]`: the first mailing of the personal links.
struct SendLinksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send-links",
        abstract: "Email customers their personal link (the first mailing); each link version is sent once.",
        discussion: """
            Every message is recorded in the ledger with the customer and link version in the same transaction
            that queues it, so running the command again (after an interruption, too) sends only what is
            missing. Customers named by id are checked first: an unknown id, a customer without an email address
            or without a page in the output folder stops the command and nothing is sent. With --all every
            customer file is checked as `build` does (a broken file stops it); customers without an email
            address or page are named as warnings and left out, the others are mailed. Build (and deploy)
            before: a link must lead to a page. Delivery as for every email: [email] in config.toml.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The output folder that holds the built pages (each link's page must be there).")
    var output: String = "site"

    @Argument(help: "The customer ids to mail.")
    var customers: [String] = []

    @Flag(name: .long, help: "Mail every customer whose current link was not mailed yet.")
    var all = false

    func validate() throws {
        if all, !customers.isEmpty { throw ValidationError("give customer ids or --all, not both.") }
        if !all, customers.isEmpty { throw ValidationError("give the customer ids to mail, or --all.") }
    }

    func run() async throws {
        let access = try await WorkspaceAccess.open(site: site, output: output)
        let report: MailingReport
        do {
            let mailing = try access.linkMailing()
            report = all ? try await mailing.sendAll() : try await mailing.send(to: customers)
        } catch let error as MailingError {
            await access.finish()
            throw fail(error.problems)
        }
        await access.finish()
        for line in report.skipped { StandardError.write("warning: \(line); not sent\n") }
        print(MailingSummary.links(report))
    }
}
