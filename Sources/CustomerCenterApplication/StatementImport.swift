import CustomerCenterBanking
import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterRender
import Foundation

/// Bank statements into the ledger: every credit is matched by its RF reference and recorded once (by
/// the bank's reference); with `approveMatched`, matched credits are approved at once.
public final class StatementImport: Sendable {
    private let workspace: Workspace
    private let ledger: any LedgerStore
    private let transfers: BankTransfers
    private let pages: PageRegenerator

    /// Imports into the workspace's ledger; approvals and pages through `transfers` and `pages`.
    public init(workspace: Workspace, transfers: BankTransfers, pages: PageRegenerator) throws(WorkspaceError) {
        self.workspace = workspace
        self.ledger = try workspace.ledger()
        self.transfers = transfers
        self.pages = pages
    }

    /// Imports bank statement `path` (camt.053, camt.054 or the statement CSV): every credit is matched
    /// by its RF reference and recorded once (by the bank's reference), in one ledger transaction.
    /// With `approveMatched`, matched credits are approved and booked at once, with receipts.
    ///
    /// The whole file is checked first: a statement for another account or in another currency, or
    /// an entry that cannot be read, stops the import before anything is recorded.
    public func run(path: String, approveMatched: Bool) async throws(TransferActionError) -> StatementImportReport {
        let config: SiteConfig
        let site: SiteBuilder.Site
        do {
            config = try workspace.config()
            site = try workspace.site()
        } catch {
            throw TransferActionError(error.description)
        }
        let statement: BankStatement
        do { statement = try StatementParser.read(path: path) } catch {
            throw TransferActionError("\(error)")
        }
        if let iban = statement.accountIBAN, IBAN.normalize(iban) != config.bank.iban {
            throw TransferActionError("\(path): the statement is for account \(IBAN.grouped(iban)), not \(IBAN.grouped(config.bank.iban)) from [bank] in config.toml; nothing was imported")
        }
        let expectedCurrency = config.defaultCurrency
        if let currency = statement.currency, currency != expectedCurrency {
            throw TransferActionError("\(path): the statement is in \(currency.code), the merchant's account in \(expectedCurrency.code); nothing was imported")
        }
        let credits = statement.credits.filter { !$0.isReversal }
        var incoming: [IncomingCredit] = []
        incoming.reserveCapacity(credits.count)
        for entry in credits {
            // A file may hold several accounts' statements (and CSV names none): check each entry.
            if let iban = entry.accountIBAN, IBAN.normalize(iban) != config.bank.iban {
                throw TransferActionError("\(path), \(entry.position): booked on account \(IBAN.grouped(iban)), not \(IBAN.grouped(config.bank.iban)) from [bank] in config.toml; nothing was imported")
            }
            guard entry.amount.currency == expectedCurrency else {
                throw TransferActionError("\(path), \(entry.position): \(entry.amount.currency.code) received, the merchant's account is in \(expectedCurrency.code); nothing was imported")
            }
            guard let bankReference = entry.bankReference else {
                throw TransferActionError("\(path), \(entry.position): no bank reference (AcctSvcrRef), so a second import could not recognise it; nothing was imported")
            }
            let remittance = (entry.structuredReferences + entry.remittanceLines).joined(separator: " ")
            incoming.append(IncomingCredit(
                bankReference: bankReference, bookingDate: entry.bookingDate, amount: entry.amount, payerName: entry.payerName,
                remittance: remittance, candidates: entry.creditorReferences, label: entry.position.description))
        }

        // The content's accounts for every reference involved, read before the one write transaction.
        let known: [String: TransferReferenceRecord]
        do { known = try ledger.knownReferences(Set(incoming.flatMap { $0.candidates.map(\.value) })) } catch {
            throw TransferActionError("the ledger could not \(error.action): \(error.reason); nothing was imported")
        }
        var accounts: [String: Account] = [:]
        var customers: [String: Customer] = [:]
        for customerID in Set(known.values.map(\.customerID)).sorted() {
            let file = site.content.customerPath(id: customerID)
            // A customer who left (no file) leaves their credits unmatched, for the merchant to assign.
            // A file that exists but does not load stops the import: its credits would otherwise be
            // recorded for good as unmatched although their reference is known.
            guard FileManager.default.fileExists(atPath: file) else { continue }
            let customer: Customer
            do { customer = try CustomerFile.load(path: file, defaults: site.defaults) } catch {
                throw TransferActionError("\(error.problems.map(\.description).joined(separator: "; ")) (the statement pays an RF reference of customer \(customerID); fix the file and import again); nothing was imported")
            }
            customers[customerID] = customer
            for account in customer.accounts { accounts[customerID + "/" + account.id] = account }
        }

        let results: [ImportedCredit]
        do {
            results = try ledger.importStatement(incoming, file: (path as NSString).lastPathComponent, approveMatched: approveMatched,
                                                 accounts: accounts, at: workspace.nowSeconds,
                                                 dateOf: { config.day(ofUnixTime: $0) })
        } catch {
            throw TransferActionError("the ledger could not \(error.action): \(error.reason); nothing was imported")
        }
        for result in results {
            guard let customerID = result.customerID, let customer = customers[customerID] else { continue }
            switch result.outcome {
            case .approved:
                if let transfer = result.transfer, let payment = result.payment, let accountID = result.accountID,
                   let account = accounts[customerID + "/" + accountID] {
                    await transfers.afterApproval(ApprovedTransfer(transfer: transfer, payment: payment), customer: customer, account: account)
                }
            case .received:
                await pages.schedule(customer.id)
            default:
                break
            }
        }
        await pages.idle()
        workspace.logger.info("statement imported", metadata: [
            "file": "\(path)", "credits": "\(results.count)",
            "matched": "\(results.filter { $0.outcome == .received || $0.outcome == .approved }.count)",
        ])
        return StatementImportReport(statement: statement, credits: results,
                                     debits: statement.entries.count - credits.count)
    }
}

/// What importing a statement did, entry by entry.
public struct StatementImportReport: Sendable {
    public var statement: BankStatement
    /// Every credit, in file order.
    public var credits: [ImportedCredit]
    /// Debits and reversals, which are not imported.
    public var debits: Int
}
