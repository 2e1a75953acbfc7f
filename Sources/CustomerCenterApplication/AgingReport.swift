import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import Foundation

/// `customer-center aging`: what every customer has open, by age (not yet due, 1-30, 31-60, 61-90,
/// over 90 days past the due date), on a day, with the money the ledger booked since the export, as
/// the personal pages and statements show it. Needs the configuration, the customer files and the
/// ledger; no templates and no secrets.
public struct AgingReport: Sendable {
    /// One customer's open invoices in one currency (a customer with accounts in two currencies has two).
    public struct Row: Sendable {
        public var customerID: String
        public var name: String
        public var aging: Aging
    }

    /// Customers with something open, in file order, and the totals per currency (by code).
    public struct Result: Sendable {
        public var asOf: CalendarDate
        public var rows: [Row]
        public var totals: [Aging]
    }

    let content: ContentFolder
    let config: SiteConfig
    let ledger: any LedgerStore

    /// A report over `content`, configured by `config`, with what `ledger` booked.
    public init(content: ContentFolder, config: SiteConfig, ledger: any LedgerStore) {
        self.content = content
        self.config = config
        self.ledger = ledger
    }

    /// Customers per ledger read: one read for each batch, never one per customer.
    static let batchSize = 256

    /// The report as of `asOf` (default: today in the merchant's time zone). Every customer file is
    /// read; any that does not load stops the report with all their problems, like `build`.
    public func run(asOf: CalendarDate? = nil, now: Date = Date()) throws(WorkspaceError) -> Result {
        let day = asOf ?? config.today(now: now)
        let defaults = ContentDefaults(config)
        let files: [String]
        do { files = try content.customerFiles() } catch { throw WorkspaceError("list customers", problems: [error.description]) }
        var rows: [Row] = []
        var totals: [Currency: Aging] = [:]
        var problems: [String] = []
        let config = self.config
        for start in stride(from: 0, to: files.count, by: AgingReport.batchSize) {
            var customers: [Customer] = []
            for file in files[start..<min(start + AgingReport.batchSize, files.count)] {
                do { customers.append(try CustomerFile.load(path: file, defaults: defaults)) } catch {
                    problems += error.problems.map(\.description)
                }
            }
            let activities: [String: CustomerActivity]
            do {
                activities = try ledger.activities(customerIDs: customers.map(\.id), now: Int(now.timeIntervalSince1970),
                                                   dateOf: { config.day(ofUnixTime: $0) })
            } catch {
                throw WorkspaceError("read the ledger", problems: [error.description])
            }
            for customer in customers {
                let recorded = activities[customer.id]?.recorded ?? []
                var byCurrency: [Currency: Aging] = [:]
                for account in customer.accounts where account.kind == .invoice {
                    let aging = Aging(statement: AccountStatement(account: account.including(recorded), asOf: day))
                    guard !aging.isEmpty else { continue }
                    guard let sum = (byCurrency[account.currency] ?? Aging(currency: account.currency)).adding(aging) else {
                        throw WorkspaceError("add up open amounts", problems: ["customer \(customer.id): the open amounts add up beyond any real amount"])
                    }
                    byCurrency[account.currency] = sum
                }
                for (currency, aging) in byCurrency.sorted(by: { $0.key.code < $1.key.code }) {
                    rows.append(Row(customerID: customer.id, name: customer.name, aging: aging))
                    guard let total = (totals[currency] ?? Aging(currency: currency)).adding(aging) else {
                        throw WorkspaceError("add up open amounts", problems: ["the open amounts in \(currency.code) add up beyond any real amount"])
                    }
                    totals[currency] = total
                }
            }
        }
        guard problems.isEmpty else { throw WorkspaceError("read customers", problems: problems) }
        return Result(asOf: day, rows: rows, totals: totals.sorted { $0.key.code < $1.key.code }.map(\.value))
    }
}
