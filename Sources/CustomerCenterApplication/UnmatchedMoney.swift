import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import Foundation

/// Money the ledger could not book by itself (unknown customer, account or invoice, another currency):
/// the merchant books an entry by hand (`customer-center assign`), and the page follows.
public final class UnmatchedMoney: Sendable {
    private let workspace: Workspace
    private let ledger: any LedgerStore
    private let pages: PageRegenerator

    /// Unmatched entries of the workspace's ledger; pages through `pages`.
    public init(workspace: Workspace, pages: PageRegenerator) throws(WorkspaceError) {
        self.workspace = workspace
        self.ledger = try workspace.ledger()
        self.pages = pages
    }

    /// Books unmatched entry `entry` to `accountID` of `customerID` (for `invoice`, if given), and
    /// rewrites that customer's page. Every refusal is one line naming what is wrong.
    public func assign(entry: Int64, customerID: String, accountID: String, invoice: String?) async throws(AssignmentError) -> LedgerPayment {
        let config: SiteConfig
        let customer: Customer
        do {
            config = try workspace.config()
            customer = try workspace.customer(customerID)
        } catch {
            throw AssignmentError(error.problems)
        }
        guard let account = customer.accounts.first(where: { $0.id == accountID }) else {
            throw AssignmentError(["customer \(customerID) has no account \"\(accountID)\""])
        }
        if let invoice, !account.invoices.contains(where: { $0.number == invoice }) {
            throw AssignmentError(["account \(accountID) has no invoice \"\(invoice)\""])
        }
        let result: Result<LedgerPayment, AssignProblem>
        do {
            result = try ledger.assign(rowID: entry, customerID: customerID, account: account, invoiceNumber: invoice,
                                       at: workspace.nowSeconds, dateOf: { config.day(ofUnixTime: $0) })
        } catch {
            throw AssignmentError([error.description])
        }
        switch result {
        case .failure(let problem): throw AssignmentError([problem.description])
        case .success(let row):
            await pages.schedule(customerID)
            await pages.idle()
            return row
        }
    }
}

/// Why an entry could not be assigned, one line per problem.
public struct AssignmentError: Error, Sendable, CustomStringConvertible {
    public var problems: [String]
    init(_ problems: [String]) { self.problems = problems }
    public var description: String { problems.joined(separator: "\n") }
}
