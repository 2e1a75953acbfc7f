import ArgumentParser
import CustomerCenterApplication
import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterSigning
import CustomerCenterRender
import Foundation

/// `customer-center rotate-link CUSTOMER [--no-email]`: revokes a customer's personal link and mails the new one.
struct RotateLinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-link",
        abstract: "Give a customer a new personal URL and email it to them; the old URL stops working.",
        discussion: """
            Raises link_version in content/customers/<id>.json, keeping the rest of the file as it is. Then, unless
            --no-email: writes the customer's new page into the output folder, removes the old page there, and
            queues an email with the new link (recorded in the ledger, so `send-links` does not send it again).
            Deploy the output folder right away, so the link in the email works. Everything the email needs (an
            address that can be mailed, a built site, the email templates) is checked before the file changes.
            With --no-email only the file changes: build, deploy, then send the link with `send-links CUSTOMER`.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The output folder with the built site: the new page is written there, the old one removed.")
    var output: String = "site"

    @Flag(name: .customLong("no-email"), help: "Only raise the link version; write no page and send no email.")
    var noEmail = false

    @Argument(help: "The customer id.")
    var customer: String

    func run() async throws {
        // Everything the new URL needs is checked before the file changes, so a failed rotation
        // leaves the customer's link as it was.
        let config: SiteConfig
        let secret: LinkSecret
        do {
            (config, secret) = try SiteBuilder(options: BuildOptions(contentPath: site.content)).loadConfigAndSecret()
        } catch {
            throw fail(error.problems)
        }
        guard CustomerFile.isValidID(customer) else {
            throw fail(["\"\(customer)\" is not a customer id"])
        }
        let path = ContentFolder(path: site.content).customerPath(id: customer)
        guard FileManager.default.fileExists(atPath: path) else {
            throw fail(["no customer \"\(customer)\": \(path) does not exist"])
        }
        let defaults = ContentDefaults(config)
        guard !noEmail else {
            let rotated = try bump(path: path, defaults: defaults)
            print("Customer \(customer): link version \(rotated.linkVersion). Run `customer-center build` and deploy; the old URL then stops working.")
            print("New personal URL: \(PersonalLink.url(PersonalLink.token(for: rotated, secret: secret), config: config))")
            print("No email sent: send the new link with `customer-center send-links \(customer)` once the page is deployed.")
            return
        }

        let access = try await WorkspaceAccess.open(site: site, output: output)
        let mailing = try access.linkMailing()
        let before: Customer
        do { before = try CustomerFile.load(path: path, defaults: defaults) } catch { throw fail(error.problems.map(\.description)) }
        var next = before
        next.linkVersion += 1
        do { try mailing.checkAddress(of: next) } catch {
            throw fail(error.problems + ["the link was not rotated; fix this, or rotate with --no-email and tell the customer yourself"])
        }

        let rotated = try bump(path: path, defaults: defaults)
        let renderer = try access.workspace.renderer()
        // The new page first, so the link in the email leads somewhere; the old page goes at once.
        await access.pages.schedule(customer)
        await access.pages.idle()
        do { try access.workspace.writer().removeFolder(renderer.pageFolderPath(for: before)) } catch {
            StandardError.write("warning: the old page could not be removed (\(error)); the next build removes it\n")
        }
        let url = PersonalLink.url(PersonalLink.token(for: rotated, secret: secret), config: config)
        print("Customer \(customer): link version \(rotated.linkVersion). New page written to \(output), the old page removed: deploy \(output) now.")
        print("New personal URL: \(url)")
        let report: MailingReport
        do { report = try await mailing.sendRenewed(rotated) } catch {
            await access.finish()
            throw fail(error.problems + ["link version \(rotated.linkVersion) is in place, but no email was sent; once the page is there, send it with `customer-center send-links \(customer)`"])
        }
        await access.finish()
        if report.alreadySent > 0 {
            print("The new link was mailed before; not sent again.")
        } else if report.undelivered == 0 {
            print("Email with the new link sent (see `customer-center emails --all`).")
        } else {
            print("Email with the new link queued; delivery is retried (see `customer-center emails`).")
        }
    }

    /// Raises the link version in the file at `path` and reads the result back.
    private func bump(path: String, defaults: ContentDefaults) throws -> Customer {
        do {
            _ = try LinkVersion.bump(fileAt: path, defaults: defaults)
            return try CustomerFile.load(path: path, defaults: defaults)
        } catch {
            throw fail(error.problems.map(\.description))
        }
    }
}
