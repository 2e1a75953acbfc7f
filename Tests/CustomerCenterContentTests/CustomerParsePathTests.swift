@testable import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

/// The fast path of `CustomerFile.parse` (our strict parser) gives exactly what the Foundation path
/// gives, for every file: the same customer, or the same problems, word for word.
@Suite struct CustomerParsePathTests {
    let defaults = ContentDefaults(locale: CustomerLocale("de-DE")!, currency: .eur)

    func outcome(_ parse: () throws(ContentProblems) -> Customer) -> Result<Customer, ContentProblems> {
        do { return .success(try parse()) } catch { return .failure(error) }
    }

    func expectSame(_ text: String, _ comment: Comment? = nil) {
        let data = Data(text.utf8)
        let fast = outcome { () throws(ContentProblems) in try CustomerFile.parse(data, file: "c.json", expectedID: nil, defaults: defaults) }
        let slow = outcome { () throws(ContentProblems) in try CustomerFile.parseWithFoundation(data, file: "c.json", expectedID: nil, defaults: defaults) }
        switch (fast, slow) {
        case (.success(let a), .success(let b)): #expect(a == b, comment)
        case (.failure(let a), .failure(let b)): #expect(a.problems == b.problems, comment)
        default: Issue.record("one path accepted, the other refused: \(text)")
        }
    }

    @Test func theDemoAndAGeneratedDataSetParseTheSameEitherWay() throws {
        for file in try ContentFolder(path: TestPaths.demoContent).customerFiles() {
            expectSame(try String(contentsOfFile: file, encoding: .utf8), "\(file)")
            // Valid files take the fast path.
            #expect(CustomerFile.parseStrictly(try Data(contentsOf: URL(fileURLWithPath: file)), file: file, expectedID: nil, defaults: defaults) != nil)
        }
        let folder = TemporaryFolder("parse-paths")
        let generator = try ToolRun("/usr/bin/env", ["python3", TestPaths.shared + "/bench/make_dataset.py", "200", "--out", folder.file("data"), "--no-split"])
        try #require(generator.status == 0)
        _ = try DatasetImporter(content: ContentFolder(path: folder.file("content"))).importFile(folder.file("data/customers.json"))
        let files = try ContentFolder(path: folder.file("content")).customerFiles()
        #expect(files.count == 200)
        for file in files {
            expectSame(try String(contentsOfFile: file, encoding: .utf8), "\(file)")
            #expect(CustomerFile.parseStrictly(try Data(contentsOf: URL(fileURLWithPath: file)), file: file, expectedID: nil, defaults: defaults) != nil)
        }
    }

    @Test func edgeCasesOfJSONParseTheSameEitherWay() {
        let account = #"{"id": "A-1", "kind": "invoice", "invoices": [{"number": "R1", "issued": "2025-01-01", "due": "2025-01-15", "amount": "10.00"}]}"#
        func customer(_ fields: String) -> String { #"{"id": "c", "name": "N", "email": "a@b.de", "accounts": [\#(account)]\#(fields)}"# }
        let cases = [
            customer(""), customer(#", "link_version": 3"#), customer(#", "link_version": 3.0"#), customer(#", "link_version": 3e0"#),
            customer(#", "link_version": -0"#), customer(#", "link_version": 9007199254740993"#), customer(#", "link_version": 0"#),
            customer(#", "link_version": true"#), customer(#", "link_version": null"#), customer(#", "locale": "en-GB""#),
            customer(#", "name": "Dup""#), customer(#", "extra": 1"#), customer(#", "extra": [1, {"a": null}]"#),
            #"{"id": "c", "name": "M\u00fcller \"&\" \/ \ud83d\ude00", "email": "a@b.de", "accounts": [\#(account)]}"#,
            #"{"id": "c", "name": "\ud800", "email": "a@b.de", "accounts": [\#(account)]}"#,
            "\u{FEFF}" + customer(""), customer("") + "\n\n", customer("") + " x", "[" + customer("") + "]", "", "{", "null",
            #"{"id": "c", "name": "tab\there", "email": "a@b.de", "accounts": []}"#,
            #"{"id": "c", "name": "  padded  ", "email": "a@b.de", "accounts": [\#(account.replacingOccurrences(of: "\"10.00\"", with: "10.00"))]}"#,
            #"{"id": "c", "name": "N", "email": "a@b.de", "accounts": [\#(account.replacingOccurrences(of: "\"10.00\"", with: "true"))]}"#,
            #"{"id":"c","name":"N","email":"a@b.de","accounts":[{"id":"P","kind":"prepaid","transactions":[{"date":"2025-01-01","description":"x","amount":"-1.00"}]}]}"#,
        ]
        for text in cases { expectSame(text, "\(text)") }
        // Deeply nested values: our parser refuses them, Foundation reads them (and the reader refuses the field).
        expectSame(customer(#", "extra": "# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100)))
    }
}
