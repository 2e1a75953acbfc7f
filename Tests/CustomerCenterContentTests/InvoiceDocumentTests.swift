import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

/// Invoice documents named by customer files: inside the content folder after every link is
/// resolved, regular files, PDFs; each problem as file:line: field: reason.
@Suite struct InvoiceDocumentTests {
    let defaults = ContentDefaults(locale: CustomerLocale("de-DE")!, currency: .eur)
    static let pdf = Array("%PDF-1.4\n% test\n".utf8)

    /// A content folder with `content/documents/ok.pdf`, a text file, and a customer naming `documents`.
    func content(_ documents: [String?]) throws -> (TemporaryFolder, Data, Customer) {
        let folder = TemporaryFolder("documents")
        try FileManager.default.createDirectory(atPath: folder.file("content/documents"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: folder.file("content/documents/ok.pdf"), contents: Data(Self.pdf))
        folder.write("not a pdf", to: "content/documents/notes.txt")
        let invoices = documents.enumerated().map { index, document in
            let field = document.map { #", "document": "\#($0)""# } ?? ""
            return #"    { "number": "R-\#(index + 1)", "issued": "2026-10-01", "due": "2026-10-15", "amount": "10.00"\#(field) }"#
        }.joined(separator: ",\n")
        let text = """
            {
              "id": "2001", "name": "Erika Muster", "email": "erika@example.de",
              "accounts": [ { "id": "2001-A", "kind": "invoice", "invoices": [
            \(invoices)
              ] } ]
            }
            """
        folder.write(text, to: "content/customers/2001.json")
        let data = Data(text.utf8)
        let customer = try CustomerFile.parse(data, file: "content/customers/2001.json", expectedID: "2001", defaults: defaults)
        return (folder, data, customer)
    }

    func problems(_ documents: [String?], prepare: (TemporaryFolder) throws -> Void = { _ in }) throws -> [String] {
        let (folder, data, customer) = try content(documents)
        try prepare(folder)
        return InvoiceDocument.check(customer, data: data, file: "content/customers/2001.json", contentFolder: folder.file("content"))
            .problems.map { $0.description.replacingOccurrences(of: folder.path, with: "TMP") }
    }

    @Test func aPDFInsideTheContentFolderIsFound() throws {
        let (folder, data, customer) = try content(["documents/ok.pdf", nil, "documents/../documents/ok.pdf"])
        let checked = InvoiceDocument.check(customer, data: data, file: "content/customers/2001.json", contentFolder: folder.file("content"))
        #expect(checked.problems.isEmpty)
        #expect(checked.documents.keys.sorted() == ["documents/../documents/ok.pdf", "documents/ok.pdf"])
        let document = try #require(checked.documents["documents/ok.pdf"])
        #expect(try document.bytes(contentFolder: folder.file("content")) == Self.pdf)
        #expect(customer.accounts[0].invoices.map(\.document) == ["documents/ok.pdf", nil, "documents/../documents/ok.pdf"])
    }

    @Test func everyBadDocumentIsNamedWithItsLine() throws {
        let found = try problems(["documents/ok.pdf", "documents/missing.pdf", "documents/notes.txt", "../outside.pdf", "documents"]) { folder in
            FileManager.default.createFile(atPath: folder.file("outside.pdf"), contents: Data(Self.pdf))
        }
        #expect(found == [
            "content/customers/2001.json:5: accounts[0].invoices[1].document: no such file TMP/content/documents/missing.pdf",
            "content/customers/2001.json:6: accounts[0].invoices[2].document: TMP/content/documents/notes.txt is not a PDF (a PDF file starts with %PDF-)",
            "content/customers/2001.json:7: accounts[0].invoices[3].document: TMP/content/../outside.pdf leaves the content folder (it resolves to TMP/outside.pdf); keep invoice documents inside TMP/content",
            "content/customers/2001.json:8: accounts[0].invoices[4].document: TMP/content/documents is not a file",
        ])
    }

    @Test func aLinkOutOfTheContentFolderIsRefusedOneInsideIsFollowed() throws {
        let found = try problems(["documents/link-out.pdf", "linked-folder/secret.pdf", "documents/link-in.pdf", "documents/dangling.pdf"]) { folder in
            let fileManager = FileManager.default
            try fileManager.createDirectory(atPath: folder.file("elsewhere"), withIntermediateDirectories: true)
            fileManager.createFile(atPath: folder.file("elsewhere/secret.pdf"), contents: Data(Self.pdf))
            try fileManager.createSymbolicLink(atPath: folder.file("content/documents/link-out.pdf"), withDestinationPath: folder.file("elsewhere/secret.pdf"))
            try fileManager.createSymbolicLink(atPath: folder.file("content/linked-folder"), withDestinationPath: "../elsewhere")
            try fileManager.createSymbolicLink(atPath: folder.file("content/documents/link-in.pdf"), withDestinationPath: "ok.pdf")
            try fileManager.createSymbolicLink(atPath: folder.file("content/documents/dangling.pdf"), withDestinationPath: "gone.pdf")
        }
        #expect(found == [
            "content/customers/2001.json:4: accounts[0].invoices[0].document: TMP/content/documents/link-out.pdf leaves the content folder (it resolves to TMP/elsewhere/secret.pdf); keep invoice documents inside TMP/content",
            "content/customers/2001.json:5: accounts[0].invoices[1].document: TMP/content/linked-folder/secret.pdf leaves the content folder (it resolves to TMP/elsewhere/secret.pdf); keep invoice documents inside TMP/content",
            "content/customers/2001.json:7: accounts[0].invoices[3].document: no such file TMP/content/documents/dangling.pdf",
        ])
    }

    @Test func anAbsolutePathIsRefusedWhenTheFileIsRead() throws {
        #expect(throws: ContentProblems.self) { try content(["/etc/passwd"]) }
        do {
            _ = try content(["/tmp/x.pdf"])
        } catch let error as ContentProblems {
            #expect(error.problems.map(\.description) == [
                "content/customers/2001.json: accounts[0].invoices[0].document: \"/tmp/x.pdf\" must be a path inside the content folder, relative to it (e.g. documents/R-1.pdf)",
            ])
        }
    }

    @Test func aFileReplacedByANonPDFIsRefusedWhenRead() throws {
        let (folder, _, _) = try content(["documents/ok.pdf"])
        let document = try InvoiceDocument.locate("documents/ok.pdf", contentFolder: folder.file("content")).get()
        folder.write("<html>", to: "content/documents/ok.pdf")
        #expect(throws: InvoiceDocument.Problem.self) { try document.bytes(contentFolder: folder.file("content")) }
    }
}
