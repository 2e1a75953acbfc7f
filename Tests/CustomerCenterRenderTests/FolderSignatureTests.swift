import CustomerCenterRender
import CustomerCenterTestSupport
import Foundation
import Testing

/// A customer's folder whose signature is unchanged since a build wrote it vouches for its files: a
/// no-change rebuild takes one stat per customer and the sweep does not list the folder. Anything
/// done to the folder by hand moves its signature, and the files are checked one by one again.
@Suite struct FolderSignatureTests {
    /// The demo built with a build cache three times, a second apart, so the folders' signatures are
    /// old enough to vouch.
    func builtThrice(_ label: String) throws -> DemoBuild {
        var demo = DemoBuild(label)
        demo.options.cachePath = demo.folder.file(".customer-center/build-cache/site.cache")
        demo.options.checkCachePath = demo.folder.file(".customer-center/build-cache/content.cache")
        for _ in 0..<3 {
            try demo.build()
            Thread.sleep(forTimeInterval: 1.1)
        }
        return demo
    }

    @Test func unchangedFoldersVouchForTheirFiles() throws {
        let demo = try builtThrice("folders-vouch")
        let report = try demo.build()
        #expect(report.written == 0 && report.pagesRendered == 0)
        #expect(report.foldersVouched >= 5, "customers without invoice documents")
        #expect(report.foldersVouched < report.customers, "a customer with documents has a subfolder, checked file by file")
    }

    @Test func aPageDeletedByHandIsWrittenAgain() throws {
        let demo = try builtThrice("folders-deleted")
        let page = try demo.pagePath(of: "1003")
        let statement = page.replacingOccurrences(of: "index.html", with: "statement.html")
        let before = demo.folder.read("site/" + statement)
        try FileManager.default.removeItem(atPath: demo.folder.file("site/" + statement))
        let report = try demo.build()
        #expect(report.written == 1)
        #expect(demo.folder.read("site/" + statement) == before)
    }

    @Test func aFileDroppedIntoAPersonalFolderIsSwept() throws {
        let demo = try builtThrice("folders-foreign")
        let page = try demo.pagePath(of: "1003")
        let foreign = page.replacingOccurrences(of: "index.html", with: "copy.html")
        demo.folder.write("<p>left here by hand</p>", to: "site/" + foreign)
        let report = try demo.build()
        #expect(report.removed == [foreign])
        #expect(!FileManager.default.fileExists(atPath: demo.folder.file("site/" + foreign)))
        #expect(report.written == 0)
    }

    @Test func aRotatedLinksOldFolderIsRemovedWhileTheOthersAreVouchedFor() throws {
        let demo = try builtThrice("folders-rotated")
        let old = try demo.pagePath(of: "1005")
        demo.edit("content/customers/1005.json") { $0.replacingOccurrences(of: "\"id\": \"1005\",", with: "\"id\": \"1005\", \"link_version\": 7,") }
        let report = try demo.build()
        let oldFolder = String(old.dropLast("/index.html".count))
        #expect(!FileManager.default.fileExists(atPath: demo.folder.file("site/" + oldFolder)))
        #expect(report.removed.contains(old))
        #expect(try demo.pagePath(of: "1005") != old)
    }
}
