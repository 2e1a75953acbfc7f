import CustomerCenterRender
import CustomerCenterTestSupport
import Foundation
import Testing

/// Invoice PDFs through a whole build: copied beneath the customer's secret folder and linked, or
/// the build stops before writing anything, naming file, line and field.
@Suite struct InvoiceDocumentBuildTests {
    @Test func theDemoInvoiceIsCopiedAndLinked() throws {
        let demo = DemoBuild("documents")
        try demo.build()
        let page = try demo.page(of: "1001")
        let href = try #require(page.firstMatch(of: /<a class="document-link" href="(documents\/[A-Za-z0-9_-]{22}\.pdf)" download="RE-2026-0915\.pdf">Rechnung als PDF<\/a>/)).1
        let folder = (try demo.pagePath(of: "1001") as NSString).deletingLastPathComponent
        let copied = try Data(contentsOf: URL(fileURLWithPath: demo.folder.file("site/\(folder)/\(href)")))
        #expect(copied == (try Data(contentsOf: URL(fileURLWithPath: demo.folder.file("content/documents/RE-2026-0915.pdf")))))
        #expect(copied.starts(with: Array("%PDF-".utf8)))
        #expect(!href.contains("0915"), "the file name does not give the invoice away")
        // Only invoices with a document get a link; nothing is published outside the secret folder.
        #expect(page.components(separatedBy: "class=\"document-link\"").count == 2)
        #expect(demo.folder.files(under: "site").filter { $0.hasSuffix(".pdf") } == ["c/\(folder.dropFirst(2))/\(href)"])
    }

    func failedBuild(_ document: String, prepare: (TemporaryFolder) throws -> Void = { _ in }) throws -> [String] {
        let demo = DemoBuild("documents-bad")
        demo.edit("content/customers/1002.json") {
            $0.replacingOccurrences(of: "\"description\": \"Verbrauch Oktober\" }", with: "\"description\": \"Verbrauch Oktober\", \"document\": \"\(document)\" }")
        }
        try prepare(demo.folder)
        do {
            try demo.build()
        } catch {
            #expect(error.step == .checkCustomers)
            #expect(!FileManager.default.fileExists(atPath: demo.folder.file("site")), "nothing written")
            return error.problems.map { $0.replacingOccurrences(of: demo.folder.path, with: "TMP") }
        }
        Issue.record("the build did not stop")
        return []
    }

    @Test func aMissingFileANonPDFAndAWayOutStopTheBuild() throws {
        #expect(try failedBuild("documents/RE-2026-2002.pdf") == [
            "TMP/content/customers/1002.json:13: accounts[0].invoices[1].document: no such file TMP/content/documents/RE-2026-2002.pdf",
        ])
        #expect(try failedBuild("config.toml") == [
            "TMP/content/customers/1002.json:13: accounts[0].invoices[1].document: TMP/content/config.toml is not a PDF (a PDF file starts with %PDF-)",
        ])
        #expect(try failedBuild("../demo-secrets.toml") == [
            "TMP/content/customers/1002.json:13: accounts[0].invoices[1].document: TMP/content/../demo-secrets.toml leaves the content folder (it resolves to TMP/demo-secrets.toml); keep invoice documents inside TMP/content",
        ])
        #expect(try failedBuild("documents/escape.pdf") { folder in
            try FileManager.default.createSymbolicLink(atPath: folder.file("content/documents/escape.pdf"), withDestinationPath: folder.file("Templates/assets/style.css"))
        } == [
            "TMP/content/customers/1002.json:13: accounts[0].invoices[1].document: TMP/content/documents/escape.pdf leaves the content folder (it resolves to TMP/Templates/assets/style.css); keep invoice documents inside TMP/content",
        ])
    }
}
