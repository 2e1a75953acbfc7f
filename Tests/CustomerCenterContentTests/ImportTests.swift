import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

@Suite struct ImportTests {
    /// Runs the shared benchmark generator, exactly as the benchmarks do.
    static func makeDataset(_ count: Int, in folder: TemporaryFolder) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.shared + "/bench/make_dataset.py", String(count), "--out", folder.file("export"), "--no-split"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return folder.file("export/customers.json")
    }

    @Test func importsAGeneratedDataSetWithTheSameFigures() throws {
        let folder = TemporaryFolder("import")
        let export = try Self.makeDataset(300, in: folder)
        let content = ContentFolder(path: folder.file("content"))
        let summary = try DatasetImporter(content: content).importFile(export)
        #expect(summary.customers == 300)
        #expect(summary.written == 300)
        #expect(summary.wroteStarterConfig)

        // Every open amount and balance matches the export's own figures.
        let exported = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: export))) as! [[String: Any]]
        let defaults = ContentDefaults(try content.loadConfig())
        var checkedInvoices = 0
        for record in exported {
            let id = record["id"] as! String
            let customer = try CustomerFile.load(path: content.customerPath(id: id), defaults: defaults)
            #expect(customer.name == record["name"] as? String)
            for (account, exportedAccount) in zip(customer.accounts, record["accounts"] as! [[String: Any]]) {
                let statement = AccountStatement(account: account, asOf: CalendarDate(year: 2025, month: 6, day: 1)!)
                let balance = account.kind == .invoice ? statement.totalOpen.minorUnits : statement.prepaidBalance.minorUnits
                #expect(balance == exportedAccount["balance_cents"] as? Int)
                for invoice in exportedAccount["invoices"] as? [[String: Any]] ?? [] {
                    let line = statement.invoices.first { $0.invoice.number == invoice["number"] as? String }
                    #expect(line?.open.minorUnits == invoice["open_cents"] as? Int)
                    checkedInvoices += 1
                }
            }
        }
        #expect(checkedInvoices > 300)

        // A second import of the same export changes nothing.
        let again = try DatasetImporter(content: content).importFile(export)
        #expect(again.written == 0)
        #expect(again.unchanged == 300)
    }

    @Test func keepsARotatedLinkVersion() throws {
        let folder = TemporaryFolder("import-rotate")
        let export = try Self.makeDataset(5, in: folder)
        let content = ContentFolder(path: folder.file("content"))
        _ = try DatasetImporter(content: content).importFile(export)
        let defaults = ContentDefaults(try content.loadConfig())
        #expect(try LinkVersion.bump(fileAt: content.customerPath(id: "100002"), defaults: defaults) == 2)
        // Re-import rewrites only the rotated file (back into the canonical layout), keeping version 2.
        let summary = try DatasetImporter(content: content).importFile(export)
        #expect(summary.written == 1)
        #expect(try CustomerFile.load(path: content.customerPath(id: "100002"), defaults: defaults).linkVersion == 2)
        #expect(try DatasetImporter(content: content).importFile(export).written == 0)
    }

    @Test func namesTheProblemsOfABrokenExport() throws {
        let folder = TemporaryFolder("import-bad")
        folder.write("[{\"id\": \"1\", \"name\": \"A\", \"accounts\": []}]", to: "bad.json")
        let error = #expect(throws: ContentProblems.self) {
            try DatasetImporter(content: ContentFolder(path: folder.file("content"))).importFile(folder.file("bad.json"))
        }
        #expect(error?.problems.map(\.description).contains("\(folder.file("bad.json")): [0].email: missing; it is required") == true)
        // Figures that do not add up are refused, and that customer's file is not written.
        folder.write("""
            [{"id": "1", "name": "A", "email": "a@example.de", "accounts": [{"id": "1-1", "kind": "invoice", "balance_cents": 999,
              "invoices": [{"number": "R1", "issued": "2025-01-01", "due": "2025-01-15", "amount_cents": 500, "open_cents": 500}]}]},
             {"id": "2", "name": "B", "email": "b@example.de", "accounts": [{"id": "2-1", "kind": "invoice", "balance_cents": 0, "invoices": []}]}]
            """, to: "mismatch.json")
        let mismatch = #expect(throws: ContentProblems.self) {
            try DatasetImporter(content: ContentFolder(path: folder.file("content"))).importFile(folder.file("mismatch.json"))
        }
        #expect(mismatch?.problems.map(\.reason) == ["account 1-1: balance 500 after import differs from the export's balance_cents 999"])
        #expect(!FileManager.default.fileExists(atPath: folder.file("content/customers/1.json")))
        #expect(FileManager.default.fileExists(atPath: folder.file("content/customers/2.json")))
        folder.write("[{\"id\": ", to: "truncated.json")
        let syntax = #expect(throws: ContentProblems.self) {
            try DatasetImporter(content: ContentFolder(path: folder.file("content"))).importFile(folder.file("truncated.json"))
        }
        #expect(syntax?.problems.first?.reason.hasPrefix("invalid JSON") == true)
    }
}

@Suite struct LinkVersionTests {
    let defaults = ContentDefaults(locale: CustomerLocale("de-DE")!, currency: .eur)

    @Test func bumpsInPlaceAndKeepsTheRestOfTheFile() throws {
        let folder = TemporaryFolder()
        let original = """
            {
              "id": "7",
              "name": "A",
              "email": "a@example.de",
              "accounts": [ { "id": "7-A", "kind": "invoice" } ]
            }

            """
        folder.write(original, to: "7.json")
        #expect(try LinkVersion.bump(fileAt: folder.file("7.json"), defaults: defaults) == 2)
        #expect(folder.read("7.json") == original.replacingOccurrences(of: "{\n  \"id\"", with: "{\n  \"link_version\": 2,\n  \"id\""))
        #expect(try LinkVersion.bump(fileAt: folder.file("7.json"), defaults: defaults) == 3)
        #expect(folder.read("7.json").contains("\"link_version\": 3,"))
        #expect(LinkVersion.current(inFileAt: folder.file("7.json")) == 3)
    }
}
