import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterRender
import Foundation

/// What every mailing checks before it sends anything: its templates are there, the output folder
/// holds a build, and a customer's page exists there (a link must never lead to a 404).
struct MailingSite: Sendable {
    let renderer: SiteRenderer
    let templatesPath: String
    let outputPath: String

    /// Throws naming each of `names` that the templates folder lacks, needed for `purpose`.
    func requireTemplates(_ names: [String], purpose: String) throws(MailingError) {
        let missing = names.filter { !renderer.hasTemplate($0) }
        guard missing.isEmpty else {
            throw MailingError(missing.map { "\(templatesPath)/\($0).mustache: missing email template (needed for \(purpose)); nothing was sent" })
        }
    }

    /// Throws unless the output folder holds a build (its marker file).
    func requireBuild() throws(MailingError) {
        guard FileManager.default.fileExists(atPath: outputPath + "/" + PageWriter.markerName) else {
            throw MailingError(["\(outputPath): no site was built here, so the links would lead nowhere; run `customer-center build` (and deploy) first, or give --output; nothing was sent"])
        }
    }

    /// Whether `customer`'s page (under their current token) is in the output folder.
    func hasPage(_ customer: Customer) -> Bool {
        FileManager.default.fileExists(atPath: outputPath + "/" + renderer.pagePath(for: customer))
    }

    /// Why `customer` cannot get a message with their link, or nil: no address, no page. The page's
    /// path is never named (it holds the secret token).
    func problem(with customer: Customer) -> String? {
        guard customer.email != nil else { return "customer \(customer.id) has no email address (field email of its customer file)" }
        guard hasPage(customer) else {
            return "customer \(customer.id) has no page in \(outputPath) yet: run `customer-center build` (and deploy) first"
        }
        return nil
    }

    /// How many messages of `kind` to `customers` are not delivered yet, whichever run queued them
    /// (this one, or an earlier one that was interrupted); nil when the queue cannot be read.
    static func undelivered(_ kind: OutgoingEmail.Kind, customers: Set<String>, ledger: any LedgerStore) -> Int? {
        guard !customers.isEmpty else { return 0 }
        guard let waiting = try? ledger.emails() else { return nil }
        return waiting.filter { $0.kind == kind && customers.contains($0.customerID) }.count
    }
}
