import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

@Suite struct CustomerFileTests {
    let defaults = ContentDefaults(locale: CustomerLocale("de-DE")!, currency: .eur)

    static let valid = """
        {
          "id": "2001",
          "name": "Erika Muster",
          "email": "erika@example.de",
          "accounts": [
            {
              "id": "2001-A",
              "kind": "invoice",
              "invoices": [
                { "number": "R-1", "issued": "2026-10-01", "due": "2026-10-15", "amount": "100.00" },
                { "number": "R-2", "issued": "2026-11-01", "due": "2026-11-15", "amount": "50.00" }
              ],
              "payments": [ { "date": "2026-10-10", "amount": "30.00", "method": "paypal", "invoice": "R-1" } ]
            },
            {
              "id": "2001-P",
              "kind": "prepaid",
              "transactions": [ { "date": "2026-10-01", "description": "Aufladung", "amount": "20.00" } ]
            }
          ]
        }
        """

    func parse(_ text: String) throws(ContentProblems) -> Customer {
        try CustomerFile.parse(Data(text.utf8), file: "content/customers/2001.json", expectedID: "2001", defaults: defaults)
    }

    func problems(_ original: String, _ replacement: String) -> [String] {
        let text = Self.valid.replacingOccurrences(of: original, with: replacement)
        precondition(text != Self.valid, "the replacement did not apply: \(original)")
        do {
            _ = try parse(text)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func readsAValidFile() throws {
        let customer = try parse(Self.valid)
        #expect(customer.locale == "de-DE")
        #expect(customer.linkVersion == 1)
        #expect(customer.accounts.map(\.kind) == [.invoice, .prepaid])
        #expect(customer.accounts[0].invoices[0].amount == Money(minorUnits: 10_000, currency: .eur))
        #expect(customer.accounts[0].payments[0].method == .paypal)
    }

    /// No sum over an account can overflow: its content may add up to 10^15 minor units at most.
    @Test func refusesAnAccountWhoseAmountsCannotBeReal() {
        let invoices = (1...11).map { #"{ "number": "X-\#($0)", "issued": "2026-10-01", "due": "2026-10-15", "amount": "1000000000000.00" }"# }
        let found = problems(#"{ "number": "R-2", "issued": "2026-11-01", "due": "2026-11-15", "amount": "50.00" }"#,
                             invoices.joined(separator: ",\n"))
        #expect(found == ["content/customers/2001.json: accounts[0]: the amounts of account \"2001-A\" add up to more than 10000000000000.00 EUR; that cannot be a real account"])
    }

    @Test func namesTheLineOfAJSONSyntaxError() {
        let found = problems("\"name\": \"Erika Muster\",", "\"name\": \"Erika Muster\"")
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("content/customers/2001.json:4: invalid JSON") == true)
    }

    @Test(arguments: [
        ("\"kind\": \"invoice\"", "\"kind\": \"subscription\"",
         "content/customers/2001.json: accounts[0].kind: unknown account kind \"subscription\"; use \"invoice\" or \"prepaid\""),
        ("\"id\": \"2001-A\",", "\"id\": \"2001-A\", \"currency\": \"EUX\",",
         "content/customers/2001.json: accounts[0].currency: \"EUX\" is not an ISO 4217 currency code"),
        ("\"amount\": \"50.00\"", "\"amount\": \"-50.00\"",
         "content/customers/2001.json: accounts[0].invoices[1].amount: an invoice amount must be more than zero, got -50.00"),
        ("\"due\": \"2026-11-15\"", "\"due\": \"2026-10-15\"",
         "content/customers/2001.json: accounts[0].invoices[1].due: due date 2026-10-15 is before the issue date 2026-11-01"),
        ("\"amount\": \"30.00\"", "\"amount\": 30",
         "content/customers/2001.json: accounts[0].payments[0].amount: write amounts as strings, e.g. \"30\"; JSON numbers may be rounded"),
        ("\"amount\": \"100.00\"", "\"amount\": \"100.001\"",
         "content/customers/2001.json: accounts[0].invoices[0].amount: EUR has 2 decimal places, the amount has 3"),
        ("\"issued\": \"2026-10-01\"", "\"issued\": \"01.10.2026\"",
         "content/customers/2001.json: accounts[0].invoices[0].issued: \"01.10.2026\" is not a date; write YYYY-MM-DD"),
        ("\"invoice\": \"R-1\"", "\"invoice\": \"R-9\"",
         "content/customers/2001.json: accounts[0].payments[0].invoice: no invoice \"R-9\" on this account"),
        ("\"invoices\": [", "\"invoces\": [],\n \"invoices\": [",
         "content/customers/2001.json: accounts[0].invoces: unknown field; expected one of: id, kind, label, currency, invoices, payments, transactions"),
        ("\"id\": \"2001\"", "\"id\": \"2002\"",
         "content/customers/2001.json: id: \"2002\" does not match the file name; name the file 2002.json"),
        ("\"email\": \"erika@example.de\",", "\"email\": \"\",",
         "content/customers/2001.json: email: is empty"),
        ("\"email\": \"erika@example.de\",", "\"email\": \"erika at example.de\",",
         "content/customers/2001.json: email: \"erika at example.de\" is not an email address"),
        ("\"name\": \"Erika Muster\",", "\"name\": \"Erika Muster\", \"locale\": \"fr-FR\",",
         "content/customers/2001.json: locale: \"fr-FR\" is not supported; pages exist in German and English (de-DE, de-AT, en-GB, ...)"),
        ("\"kind\": \"prepaid\",", "\"kind\": \"prepaid\", \"invoices\": [{}],",
         "content/customers/2001.json: accounts[1].invoices: a prepaid account has transactions (credits and charges), not invoices; use kind \"invoice\""),
        ("\"description\": \"Aufladung\", \"amount\": \"20.00\"", "\"description\": \"Aufladung\", \"amount\": \"0\"",
         "content/customers/2001.json: accounts[1].transactions[0].amount: a transaction of zero; credits are positive, charges negative"),
    ])
    func explainsEachBadInput(original: String, replacement: String, message: String) {
        #expect(problems(original, replacement) == [message])
    }

    @Test func aCustomerWithoutAnEmailAddressIsValidAndHasNone() throws {
        // Reached by letter: the mailing commands name such a customer and send them nothing.
        let customer = try parse(Self.valid.replacingOccurrences(of: "\"email\": \"erika@example.de\",", with: ""))
        #expect(customer.email == nil)
        #expect(try parse(Self.valid).email == "erika@example.de")
    }

    @Test func reportsEveryProblemOfAFileAtOnce() {
        let text = Self.valid
            .replacingOccurrences(of: "\"amount\": \"50.00\"", with: "\"amount\": \"-50.00\"")
            .replacingOccurrences(of: "\"kind\": \"prepaid\"", with: "\"kind\": \"wallet\"")
        #expect(throws: ContentProblems.self) { try parse(text) }
        do { _ = try parse(text) } catch { #expect(error.problems.count == 2) }
    }

    @Test func duplicateInvoiceNumbersAreFoundInOneFileAndAcrossFiles() throws {
        var index = ContentIndex()
        let first = try parse(Self.valid)
        #expect(index.add(first, file: "content/customers/2001.json").isEmpty)
        var second = first
        second.id = "2002"
        second.accounts[0].id = "2002-A"
        second.accounts[1].id = "2002-P"
        #expect(index.add(second, file: "content/customers/2002.json").map(\.description) == [
            "content/customers/2002.json: accounts[0].invoices[0].number: duplicate invoice number: \"R-1\" is already used in content/customers/2001.json",
            "content/customers/2002.json: accounts[0].invoices[1].number: duplicate invoice number: \"R-2\" is already used in content/customers/2001.json",
        ])
        let twice = try parse(Self.valid.replacingOccurrences(of: "\"number\": \"R-2\"", with: "\"number\": \"R-1\""))
        var fresh = ContentIndex()
        #expect(fresh.add(twice, file: "content/customers/2001.json").map(\.description) == [
            "content/customers/2001.json: accounts[0].invoices[1].number: duplicate invoice number: \"R-1\" appears twice in this file",
        ])
    }

    @Test func everyDemoCustomerIsValid() throws {
        let folder = ContentFolder(path: TestPaths.demoContent)
        let files = try folder.customerFiles()
        #expect(files.count >= 6)
        var index = ContentIndex()
        for file in files {
            let customer = try CustomerFile.load(path: file, defaults: defaults)
            #expect(index.add(customer, file: file).isEmpty)
        }
    }
}
