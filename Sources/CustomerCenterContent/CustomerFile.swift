import CustomerCenterJSON
import CustomerCenterModel
import Foundation

/// One customer's content file, `content/customers/<id>.json`: reading it into a `Customer` and
/// checking everything that can be checked within the file.
///
/// Checks that span files (account ids and invoice numbers unique across customers) are made by
/// `ContentIndex`. Every problem names the file and the field, or the line for JSON syntax errors.
public enum CustomerFile {
    /// Field names of the format (docs/content-format.md).
    enum Keys {
        static let customer = ["id", "name", "email", "locale", "link_version", "accounts"]
        static let account = ["id", "kind", "label", "currency", "invoices", "payments", "transactions"]
        static let invoice = ["number", "issued", "due", "amount", "currency", "description", "document"]
        static let payment = ["date", "amount", "method", "invoice", "reference"]
        static let transaction = ["date", "description", "amount"]
    }

    /// Reads and checks the customer file at `path`.
    /// - Parameter displayPath: the name used in errors (defaults to `path`).
    public static func load(path: String, displayPath: String? = nil, defaults: ContentDefaults) throws(ContentProblems) -> Customer {
        let name = displayPath ?? path
        return try parse(try read(path: path, displayPath: name), file: name, expectedID: id(ofPath: path), defaults: defaults)
    }

    /// The bytes of the customer file at `path` (a build hashes them as well as parsing them).
    public static func read(path: String, displayPath: String? = nil) throws(ContentProblems) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ContentProblems([ContentError(file: displayPath ?? path, reason: "cannot read (\(FileProblem.describe(error)))")])
        }
    }

    /// The customer id a file's name implies: `content/customers/1001.json` is customer `1001`.
    public static func id(ofPath path: String) -> String {
        // Without NSString's path methods: called for every customer of every build, they were a
        // tenth of a no-change rebuild at 100,000 customers. Same result for customer file names.
        var name = path.utf8[...]
        while name.count > 1, name.last == UInt8(ascii: "/") { name = name.dropLast() }
        if let slash = name.lastIndex(of: UInt8(ascii: "/")), name.index(after: slash) != name.endIndex { name = name[name.index(after: slash)...] }
        if let dot = name.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex { name = name[..<dot] }
        return String(Substring(name))
    }

    /// Parses and checks customer JSON. `expectedID` is the id the file name implies.
    ///
    /// Read first by our strict parser (`JSONParser`, several times faster than `JSONSerialization`
    /// with the casts its `Any` needs). What it accepts, `JSONSerialization` reads too, to the same values
    /// (it refuses duplicate keys, other encodings, a byte-order mark, deep nesting; numbers stay
    /// literals and count only as canonical integers): so a file it reads without a single problem
    /// gives exactly the customer the slow path would. Any other file takes the slow path, whose
    /// messages (JSON syntax with its line, every field problem) the content tests pin.
    public static func parse(_ data: Data, file: String, expectedID: String?, defaults: ContentDefaults) throws(ContentProblems) -> Customer {
        if let customer = parseStrictly(data, file: file, expectedID: expectedID, defaults: defaults) { return customer }
        return try parseWithFoundation(data, file: file, expectedID: expectedID, defaults: defaults)
    }

    /// The fast path of `parse`: the customer, when our strict parser reads the file and it has no problem at all.
    static func parseStrictly(_ data: Data, file: String, expectedID: String?, defaults: ContentDefaults) -> Customer? {
        guard case .object(let root)? = try? JSONParser.parse([UInt8](data)) else { return nil }
        let problems = ProblemList()
        let customer = readCustomer(JSONObjectReader(object: root, path: "", file: file, problems: problems),
                                    expectedID: expectedID, defaults: defaults)
        return problems.isEmpty ? customer : nil
    }

    /// The slow path of `parse`: `JSONSerialization`, whose messages (with the line of a syntax error) are the reference.
    static func parseWithFoundation(_ data: Data, file: String, expectedID: String?, defaults: ContentDefaults) throws(ContentProblems) -> Customer {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ContentProblems([JSONSyntax.problem(error, data: data, file: file)])
        }
        guard object is [String: Any], case .object(let root)? = JSONValue(foundationObject: object) else {
            throw ContentProblems([ContentError(file: file, line: 1, reason: "expected one JSON object { ... } describing the customer")])
        }
        let problems = ProblemList()
        let reader = JSONObjectReader(object: root, path: "", file: file, problems: problems)
        let customer = readCustomer(reader, expectedID: expectedID, defaults: defaults)
        guard problems.isEmpty, let customer else { throw ContentProblems(problems.items) }
        return customer
    }

    private static func readCustomer(_ reader: JSONObjectReader, expectedID: String?, defaults: ContentDefaults) -> Customer? {
        reader.rejectUnknownKeys(Keys.customer)
        let id = reader.string("id")
        if let id {
            if !CustomerFile.isValidID(id) {
                reader.fail("id", "\"\(id)\" may only contain letters, digits, '.', '_' and '-' (it names the file)")
            } else if let expectedID, expectedID != id {
                reader.fail("id", "\"\(id)\" does not match the file name; name the file \(id).json")
            }
        }
        let name = reader.string("name")
        // Optional: a customer without an address gets no emails (send-links and remind name them).
        let email = reader.optionalString("email")
        if let email, !isPlausibleEmail(email) {
            reader.fail("email", "\"\(email)\" is not an email address")
        }
        var locale = defaults.locale
        if let tag = reader.optionalString("locale") {
            if let parsed = CustomerLocale(tag) {
                locale = parsed
            } else {
                reader.fail("locale", "\"\(tag)\" is not supported; pages exist in German and English (de-DE, de-AT, en-GB, ...)")
            }
        }
        let linkVersion = reader.integer("link_version", default: 1)
        if let linkVersion, linkVersion < 1 {
            reader.fail("link_version", "must be 1 or more")
        }
        let accountReaders = reader.objects("accounts", required: true)
        if accountReaders.isEmpty, reader.list("accounts")?.isEmpty == true {
            reader.fail("accounts", "a customer needs at least one account")
        }
        var accounts: [Account] = []
        var accountIDs: Set<String> = []
        for accountReader in accountReaders {
            guard let account = readAccount(accountReader, defaults: defaults) else { continue }
            if !accountIDs.insert(account.id).inserted {
                accountReader.fail("id", "account id \"\(account.id)\" appears twice in this file")
            }
            accounts.append(account)
        }
        guard let id, let name, let linkVersion else { return nil }
        return Customer(id: id, name: name, email: email, locale: locale.identifier,
                        linkVersion: linkVersion, accounts: accounts)
    }

    private static func readAccount(_ reader: JSONObjectReader, defaults: ContentDefaults) -> Account? {
        reader.rejectUnknownKeys(Keys.account)
        let id = reader.string("id")
        if let id, !isValidID(id) {
            reader.fail("id", "\"\(id)\" may only contain letters, digits, '.', '_' and '-'")
        }
        let kindText = reader.string("kind")
        var kind: Account.Kind?
        if let kindText {
            kind = Account.Kind(rawValue: kindText)
            if kind == nil {
                reader.fail("kind", "unknown account kind \"\(kindText)\"; use \"invoice\" or \"prepaid\"")
            }
        }
        var currency = defaults.currency
        if let code = reader.optionalString("currency") {
            if let parsed = Currency(code: code) {
                currency = parsed
            } else {
                reader.fail("currency", "\"\(code)\" is not an ISO 4217 currency code")
            }
        }
        let label = reader.optionalString("label")
        var invoices: [Invoice] = []
        var payments: [Payment] = []
        var transactions: [PrepaidTransaction] = []
        switch kind {
        case .invoice:
            if reader.has("transactions") {
                reader.fail("transactions", "an invoice account has invoices and payments, not transactions; use kind \"prepaid\"")
            }
            let invoiceReaders = reader.objects("invoices")
            // Numbers of all invoice entries, valid or not, so that one bad invoice does not also
            // make its payments look unmatched.
            let numbers = Set(invoiceReaders.compactMap { $0.object["number"]?.stringValue?.trimmingWhitespace() })
            for invoiceReader in invoiceReaders {
                // Duplicate numbers, in this file or another, are reported by ContentIndex.
                guard let invoice = readInvoice(invoiceReader, currency: currency) else { continue }
                invoices.append(invoice)
            }
            for paymentReader in reader.objects("payments") {
                guard let payment = readPayment(paymentReader, currency: currency) else { continue }
                if let number = payment.invoiceNumber, !numbers.contains(number) {
                    paymentReader.fail("invoice", "no invoice \"\(number)\" on this account")
                }
                payments.append(payment)
            }
        case .prepaid:
            for key in ["invoices", "payments"] where reader.has(key) {
                reader.fail(key, "a prepaid account has transactions (credits and charges), not \(key); use kind \"invoice\"")
            }
            for transactionReader in reader.objects("transactions") {
                if let transaction = readTransaction(transactionReader, currency: currency) {
                    transactions.append(transaction)
                }
            }
        case nil:
            break
        }
        guard let id, let kind else { return nil }
        // Every sum over an account (open amounts, balances, the ledger's money on top) stays far
        // inside Int, whatever a file holds: a total beyond this cannot be a real account.
        var total = 0
        var overflow = false
        for units in invoices.map(\.amount.minorUnits) + payments.map(\.amount.minorUnits) + transactions.map(\.amount.minorUnits)
            where !overflow {
            (total, overflow) = total.addingReportingOverflow(Int(clamping: units.magnitude))
        }
        if overflow || total > Account.maximumTotalMinorUnits {
            reader.fail(nil, "the amounts of account \"\(id)\" add up to more than \(Money(minorUnits: Account.maximumTotalMinorUnits, currency: currency).decimalString) \(currency.code); that cannot be a real account")
            return nil
        }
        return Account(id: id, kind: kind, label: label, currency: currency,
                       invoices: invoices, payments: payments, transactions: transactions)
    }

    private static func readInvoice(_ reader: JSONObjectReader, currency: Currency) -> Invoice? {
        reader.rejectUnknownKeys(Keys.invoice)
        let number = reader.string("number")
        let issued = date(reader, "issued")
        let due = date(reader, "due")
        if let code = reader.optionalString("currency"), code != currency.code {
            reader.fail("currency", "invoice currency \(code) differs from the account's \(currency.code)")
        }
        let amount = money(reader, "amount", currency: currency)
        if let amount, !amount.isPositive {
            reader.fail("amount", "an invoice amount must be more than zero, got \(amount.decimalString)")
        }
        if let issued, let due, due < issued {
            reader.fail("due", "due date \(due) is before the issue date \(issued)")
        }
        // The file itself is checked by the build (`InvoiceDocument`): it must exist below the content folder.
        let document = reader.optionalString("document")
        if let document, document.hasPrefix("/") || document.hasPrefix("~") {
            reader.fail("document", "\"\(document)\" must be a path inside the content folder, relative to it (e.g. documents/\(number ?? "invoice").pdf)")
        }
        guard let number, let issued, let due, let amount, amount.isPositive else { return nil }
        return Invoice(number: number, issued: issued, due: due, amount: amount,
                       description: reader.optionalString("description"), document: document)
    }

    private static func readPayment(_ reader: JSONObjectReader, currency: Currency) -> Payment? {
        reader.rejectUnknownKeys(Keys.payment)
        let date = date(reader, "date")
        let amount = money(reader, "amount", currency: currency)
        if let amount, !amount.isPositive {
            reader.fail("amount", "a payment must be more than zero, got \(amount.decimalString)")
        }
        var method = Payment.Method.other
        if let text = reader.optionalString("method") {
            if let parsed = Payment.Method(rawValue: text) {
                method = parsed
            } else {
                let known = Payment.Method.allCases.map(\.rawValue).joined(separator: ", ")
                reader.fail("method", "unknown payment method \"\(text)\"; known: \(known)")
            }
        }
        guard let date, let amount, amount.isPositive else { return nil }
        return Payment(date: date, amount: amount, method: method,
                       invoiceNumber: reader.optionalString("invoice"), reference: reader.optionalString("reference"))
    }

    private static func readTransaction(_ reader: JSONObjectReader, currency: Currency) -> PrepaidTransaction? {
        reader.rejectUnknownKeys(Keys.transaction)
        let date = date(reader, "date")
        let description = reader.string("description")
        let amount = money(reader, "amount", currency: currency)
        if let amount, amount.isZero {
            reader.fail("amount", "a transaction of zero; credits are positive, charges negative")
        }
        guard let date, let description, let amount, !amount.isZero else { return nil }
        return PrepaidTransaction(date: date, description: description, amount: amount)
    }

    private static func date(_ reader: JSONObjectReader, _ key: String) -> CalendarDate? {
        guard let text = reader.string(key) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            reader.fail(key, "\"\(text)\" is not a date; write YYYY-MM-DD")
            return nil
        }
        return date
    }

    private static func money(_ reader: JSONObjectReader, _ key: String, currency: Currency) -> Money? {
        if let number = reader.number(key) {
            reader.fail(key, "write amounts as strings, e.g. \"\(number)\"; JSON numbers may be rounded")
            return nil
        }
        guard let text = reader.string(key) else { return nil }
        do {
            return try Money.parse(text, currency: currency)
        } catch {
            reader.fail(key, error.description)
            return nil
        }
    }

    /// Letters, digits, `.`, `_`, `-`; not starting with a dot; at most 64 characters.
    public static func isValidID(_ id: String) -> Bool {
        guard !id.isEmpty, id.utf8.count <= 64, id.first != "." else { return false }
        return id.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !email.contains(where: \.isWhitespace)
    }
}
