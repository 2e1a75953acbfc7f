import ArgumentParser
import CustomerCenterContent
import CustomerCenterRender
import Foundation

/// `customer-center rotate-link CUSTOMER`: revokes a customer's personal link.
struct RotateLinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-link",
        abstract: "Give a customer a new personal URL; the old one stops working with the next build.",
        discussion: "Raises link_version in content/customers/<id>.json, keeping the rest of the file as it is."
    )

    @OptionGroup var site: SiteOptions

    @Argument(help: "The customer id.")
    var customer: String

    func run() throws {
        let content = ContentFolder(path: site.content)
        let version: Int
        do {
            let config = try content.loadConfig()
            guard CustomerFile.isValidID(customer) else {
                throw fail(["\"\(customer)\" is not a customer id"])
            }
            let path = content.customerPath(id: customer)
            guard FileManager.default.fileExists(atPath: path) else {
                throw fail(["no customer \"\(customer)\": \(path) does not exist"])
            }
            version = try LinkVersion.bump(fileAt: path, defaults: ContentDefaults(config))
        } catch let error as ContentError {
            throw fail([error.description])
        } catch let error as ContentProblems {
            throw fail(error.problems.map(\.description))
        }
        print("Customer \(customer): link version \(version). Run `customer-center build` and deploy; the old URL then stops working.")
        do {
            if let link = try SiteBuilder(options: site.buildOptions()).links().first(where: { $0.customer.id == customer }) {
                print("New personal URL: \(link.url)")
            }
        } catch {
            throw fail(error.problems)
        }
    }
}
