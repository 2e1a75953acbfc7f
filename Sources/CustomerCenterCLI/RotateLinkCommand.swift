import ArgumentParser
import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterSigning
import CustomerCenterRender
import Foundation

/// `customer-center rotate-link CUSTOMER`: revokes a customer's personal link.
struct RotateLinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-link",
        abstract: "Give a customer a new personal URL; the old one stops working with the next build.",
        discussion: "Raises link_version in content/customers/<id>.json, keeping the rest of the file as it is."
    )

    @OptionGroup var site: ContentOptions

    @Argument(help: "The customer id.")
    var customer: String

    func run() throws {
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
        let rotated: Customer
        do {
            _ = try LinkVersion.bump(fileAt: path, defaults: defaults)
            rotated = try CustomerFile.load(path: path, defaults: defaults)
        } catch {
            throw fail(error.problems.map(\.description))
        }
        print("Customer \(customer): link version \(rotated.linkVersion). Run `customer-center build` and deploy; the old URL then stops working.")
        print("New personal URL: \(PersonalLink.url(PersonalLink.token(for: rotated, secret: secret), config: config))")
    }
}
