import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

/// `customer-center aging` and the invoice-document checks of `check`, as a merchant runs them.
@Suite struct AgingCommandTests {
    let cli = CommandLineTests()

    @Test func theTableOfTheDemoWithTheLedgersMoney() async throws {
        let folder = TemporaryFolder("cli-aging").copyDemo()
        // 50.00 booked by the receiver for 1002 settles part of the oldest invoice (by the usual rules).
        let ledger = try Ledger(path: folder.file(".customer-center/ledger.sqlite"))
        let defaults = ContentDefaults(try ContentFolder(path: folder.file("content")).loadConfig())
        let account = try #require(try CustomerFile.load(path: folder.file("content/customers/1002.json"), defaults: defaults).accounts.first)
        _ = try ledger.book(PaymentEvent(provider: "sandbox", eventID: "evt_a", kind: .payment, paymentID: "pay_a",
                                         amount: Money(minorUnits: 5_000, currency: .eur), occurredAt: 1_795_000_000,
                                         customerID: "1002", accountID: "1002-GEWERBE", method: .card),
                            target: .account(customerID: "1002", account: account), receivedAt: 1_795_000_000,
                            dateOf: { CalendarDate(daysSinceEpoch: $0 / 86_400) })
        let table = try await cli.run(["aging", "--as-of", "2026-11-29"], in: folder)
        #expect(table.status == 0)
        #expect(table.stderr.isEmpty)
        #expect(table.stdout == """
            Open amounts by age on 2026-11-29 (days past the due date):
            customer  name                            currency  not due  1-30    31-60  61-90  over 90    total
            1001      Jürgen Weiß                     EUR       1234.56  0.00    84.20  44.20     0.00  1362.96
            1002      Müller & Söhne <Bäckerei> GmbH  EUR       2315.40  0.00  1430.00   0.00     0.00  3745.40
            1006      Familie Becker                  EUR        193.00  0.00     0.00   0.00     0.00   193.00
            --------  ------------------------------  --------  -------  ----  -------  -----  -------  -------
            total                                     EUR       3742.96  0.00  1514.20  44.20     0.00  5301.36

            """)
        // Later, everything has aged: on 2027-01-13 RE-2026-1115 is 29 days overdue, RE-2026-1015 90, RE-2026-0915 120.
        let later = try await cli.run(["aging", "--as-of", "2027-01-13"], in: folder)
        let row = later.stdout.split(separator: "\n").first { $0.hasPrefix("1001 ") }?.split(separator: " ").map(String.init)
        #expect(row == ["1001", "Jürgen", "Weiß", "EUR", "0.00", "1234.56", "0.00", "84.20", "44.20", "1362.96"])
    }

    @Test func csvForASpreadsheet() async throws {
        let folder = TemporaryFolder("cli-aging-csv").copyDemo()
        let result = try await cli.run(["aging", "--as-of", "2026-11-29", "--csv"], in: folder)
        #expect(result.status == 0)
        folder.write(result.stdout, to: "aging.csv")
        let csv = try PythonCSV(path: folder.file("aging.csv"))
        #expect(csv.crlfOnly)
        #expect(csv.rows == [
            ["customer", "name", "currency", "not_due", "days_1_30", "days_31_60", "days_61_90", "over_90", "total"],
            ["1001", "Jürgen Weiß", "EUR", "1234.56", "0.00", "84.20", "44.20", "0.00", "1362.96"],
            ["1002", "Müller & Söhne <Bäckerei> GmbH", "EUR", "2315.40", "0.00", "1480.00", "0.00", "0.00", "3795.40"],
            ["1006", "Familie Becker", "EUR", "193.00", "0.00", "0.00", "0.00", "0.00", "193.00"],
        ])
    }

    @Test func badInputIsNamed() async throws {
        let folder = TemporaryFolder("cli-aging-bad").copyDemo()
        let usage = try await cli.run(["aging", "--as-of", "2026-13-01"], in: folder)
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("--as-of 2026-13-01 is not a date; write YYYY-MM-DD."))
        folder.write(folder.read("content/customers/1005.json").replacingOccurrences(of: "\"147.30\"", with: "\"147,30\""),
                     to: "content/customers/1005.json")
        let broken = try await cli.run(["aging"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.stdout.isEmpty)
        #expect(broken.stderr.hasPrefix("error: content/customers/1005.json: accounts[0].invoices[0].amount: "))
    }

    @Test func checkNamesABadInvoiceDocumentByFileAndLine() async throws {
        let folder = TemporaryFolder("cli-document").copyDemo()
        folder.write(folder.read("content/customers/1002.json").replacingOccurrences(
            of: "\"description\": \"Verbrauch Oktober\" }", with: "\"description\": \"Verbrauch Oktober\", \"document\": \"documents/RE-2026-2002.pdf\" }"),
            to: "content/customers/1002.json")
        let result = try await cli.run(["check"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "error: content/customers/1002.json:13: accounts[0].invoices[1].document: no such file content/documents/RE-2026-2002.pdf\n")
        let build = try await cli.run(["build", "--as-of", "2026-11-29"], in: folder)
        #expect(build.status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.file("site")))
    }
}
