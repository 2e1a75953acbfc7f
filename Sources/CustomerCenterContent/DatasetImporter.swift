import CustomerCenterJSON
import CustomerCenterModel
import Foundation

/// Converts a billing export in the neutral JSON format of `shared/bench/make_dataset.py` into
/// customer files: `customer-center import FILE --content DIR`.
///
/// The export gives each invoice's amount and open amount; the content format records payments,
/// so the paid part becomes one payment on that invoice (method `other`, reference `import`, dated
/// the issue date, since the export does not say when it was paid). After conversion every customer
/// is read back and its open amounts are compared with the export's, so a silent mismatch is impossible.
public struct DatasetImporter: Sendable {
    /// What an import did.
    public struct Summary: Sendable, Equatable {
        public var customers = 0
        public var invoices = 0
        public var transactions = 0
        public var written = 0
        public var unchanged = 0
        public var wroteStarterConfig = false
    }

    /// The content folder written into.
    public let content: ContentFolder

    /// An importer into `content`.
    public init(content: ContentFolder) {
        self.content = content
    }

    /// Imports the export at `file`. Existing customer files keep their link version (a rotated link
    /// stays rotated); other customer files are left alone.
    public func importFile(_ file: String) throws(ContentProblems) -> Summary {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ContentProblems([ContentError(file: file, reason: "cannot read (\(FileProblem.describe(error)))")])
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ContentProblems([JSONSyntax.problem(error, data: data, file: file)])
        }
        guard let list = parsed as? [Any] else {
            throw ContentProblems([ContentError(file: file, line: 1, reason: "expected a JSON list of customers [ {...}, ... ]")])
        }

        var summary = Summary()
        summary.wroteStarterConfig = try writeStarterConfigIfMissing()
        let config: SiteConfig
        do { config = try SiteConfig.load(from: content.configPath) } catch { throw ContentProblems([error]) }
        let defaults = ContentDefaults(config)
        do {
            try FileManager.default.createDirectory(atPath: content.customersPath, withIntermediateDirectories: true)
        } catch {
            throw ContentProblems([ContentError(file: content.customersPath, reason: "cannot create (\(FileProblem.describe(error)))")])
        }

        let encoder = JSONEncoder()
        // Sorted keys: Foundation's key order is not stable between runs, and an unchanged customer must
        // give unchanged bytes.
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var problems: [ContentError] = []
        var index = ContentIndex()
        for (position, item) in list.enumerated() {
            let problemList = ProblemList()
            guard item is [String: Any], case .object(let object)? = JSONValue(foundationObject: item) else {
                problems.append(ContentError(file: file, field: "[\(position)]", reason: "expected a customer object"))
                continue
            }
            let reader = JSONObjectReader(object: object, path: "[\(position)]", file: file, problems: problemList)
            guard let converted = convert(reader, defaults: defaults), problemList.isEmpty else {
                problems.append(contentsOf: problemList.items)
                continue
            }
            var record = converted.record
            let target = content.customerPath(id: record.id)
            record.linkVersion = LinkVersion.current(inFileAt: target) ?? 1
            let json: Data
            do { json = try encoder.encode(record) + Data("\n".utf8) } catch {
                problems.append(ContentError(file: target, reason: "cannot encode (\(error))"))
                continue
            }
            // Read the written form back exactly as a build would, and compare the figures; a customer
            // with any problem is not written.
            do {
                let customer = try CustomerFile.parse(json, file: target, expectedID: record.id, defaults: defaults)
                let customerProblems = index.add(customer, file: target) + converted.check(customer, file: file, position: position)
                guard customerProblems.isEmpty else {
                    problems.append(contentsOf: customerProblems)
                    continue
                }
                summary.invoices += customer.accounts.reduce(0) { $0 + $1.invoices.count }
                summary.transactions += customer.accounts.reduce(0) { $0 + $1.transactions.count }
            } catch {
                problems.append(contentsOf: error.problems)
                continue
            }
            summary.customers += 1
            if (try? Data(contentsOf: URL(fileURLWithPath: target))) == json {
                summary.unchanged += 1
                continue
            }
            do {
                try json.write(to: URL(fileURLWithPath: target), options: .atomic)
                summary.written += 1
            } catch {
                problems.append(ContentError(file: target, reason: "cannot write (\(FileProblem.describe(error)))"))
            }
        }
        guard problems.isEmpty else { throw ContentProblems(problems) }
        return summary
    }

    /// A customer converted from the export, with the export's figures to compare against.
    struct Converted {
        var record: CustomerRecord
        /// Open cents per invoice number, and balance per account id, as the export states them.
        var expectedOpen: [String: Int]
        var expectedBalance: [String: Int]

        func check(_ customer: Customer, file: String, position: Int) -> [ContentError] {
            var problems: [ContentError] = []
            for account in customer.accounts {
                let statement = AccountStatement(account: account, asOf: CalendarDate(daysSinceEpoch: 10_957))
                for line in statement.invoices where expectedOpen[line.invoice.number] != line.open.minorUnits {
                    problems.append(ContentError(file: file, field: "[\(position)]", reason:
                        "invoice \(line.invoice.number): open amount \(line.open.minorUnits) after import differs from the export's \(expectedOpen[line.invoice.number] ?? 0)"))
                }
                let balance = account.kind == .invoice ? statement.totalOpen.minorUnits : statement.prepaidBalance.minorUnits
                if let expected = expectedBalance[account.id], expected != balance {
                    problems.append(ContentError(file: file, field: "[\(position)]", reason:
                        "account \(account.id): balance \(balance) after import differs from the export's balance_cents \(expected)"))
                }
            }
            return problems
        }
    }

    func convert(_ reader: JSONObjectReader, defaults: ContentDefaults) -> Converted? {
        let id = reader.string("id")
        let name = reader.string("name")
        let email = reader.string("email")
        let locale = reader.optionalString("locale") ?? defaults.locale.identifier
        var accounts: [CustomerRecord.AccountRecord] = []
        var expectedOpen: [String: Int] = [:]
        var expectedBalance: [String: Int] = [:]
        for accountReader in reader.objects("accounts", required: true) {
            guard let accountID = accountReader.string("id"), let kind = accountReader.string("kind") else { continue }
            let code = accountReader.optionalString("currency") ?? defaults.currency.code
            guard let currency = Currency(code: code) else {
                accountReader.fail("currency", "\"\(code)\" is not an ISO 4217 currency code")
                continue
            }
            if let balance = accountReader.integer("balance_cents", default: Int.min), balance != Int.min {
                expectedBalance[accountID] = balance
            }
            func amount(_ cents: Int) -> String { Money(minorUnits: cents, currency: currency).decimalString }
            var account = CustomerRecord.AccountRecord(id: accountID, kind: kind, currency: currency.code)
            if kind == "prepaid" {
                account.transactions = accountReader.objects("transactions").compactMap { tx in
                    guard let date = tx.string("date"), let text = tx.string("description"),
                          let cents = tx.integer("amount_cents", default: 0) else { return nil }
                    return CustomerRecord.TransactionRecord(date: date, description: text, amount: amount(cents))
                }
            } else {
                var invoices: [CustomerRecord.InvoiceRecord] = []
                var payments: [CustomerRecord.PaymentRecord] = []
                for inv in accountReader.objects("invoices") {
                    guard let number = inv.string("number"), let issued = inv.string("issued"), let due = inv.string("due"),
                          let cents = inv.integer("amount_cents", default: 0),
                          let open = inv.integer("open_cents", default: cents) else { continue }
                    guard (0...cents).contains(open) else {
                        inv.fail("open_cents", "open amount \(open) is outside 0...\(cents)")
                        continue
                    }
                    invoices.append(.init(number: number, issued: issued, due: due, amount: amount(cents)))
                    expectedOpen[number] = open
                    if open < cents {
                        payments.append(.init(date: issued, amount: amount(cents - open), method: "other",
                                              invoice: number, reference: "import"))
                    }
                }
                account.invoices = invoices
                account.payments = payments.isEmpty ? nil : payments
            }
            accounts.append(account)
        }
        guard let id, let name, let email else { return nil }
        let record = CustomerRecord(id: id, name: name, email: email, locale: locale, linkVersion: 1, accounts: accounts)
        return Converted(record: record, expectedOpen: expectedOpen, expectedBalance: expectedBalance)
    }

    /// Writes a starter `config.toml` into an empty content folder, so that an import is buildable at
    /// once. An existing configuration is never touched. Returns whether it wrote one.
    func writeStarterConfigIfMissing() throws(ContentProblems) -> Bool {
        guard !FileManager.default.fileExists(atPath: content.configPath) else { return false }
        do {
            try FileManager.default.createDirectory(atPath: content.path, withIntermediateDirectories: true)
            try StarterConfig.text.write(toFile: content.configPath, atomically: true, encoding: .utf8)
        } catch {
            throw ContentProblems([ContentError(file: content.configPath, reason: "cannot write a starter configuration (\(FileProblem.describe(error)))")])
        }
        return true
    }
}
