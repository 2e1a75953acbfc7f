#if canImport(Glibc)
import Glibc
#endif
import CustomerCenterRender
import CustomerCenterTestSupport
import Foundation
import Testing

/// Where `PageWriter` puts its temporary files, and how the ones a killed writer left are removed.
@Suite struct TemporaryFileTests {
    /// The id of a process that has ended: what a killed writer leaves in its file names.
    func deadProcessID() throws -> pid_t {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func replacementsAreWrittenBesideTheSiteNotInIt() throws {
        let demo = DemoBuild("staging")
        try demo.build()
        let writer = try PageWriter(root: demo.folder.file("site"))
        #expect(writer.stagingFolder == demo.folder.file(".site.customer-center-tmp"))
        let path = demo.folder.file("site/robots.txt")
        let before = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        let old = demo.folder.read("site/robots.txt")
        #expect(try writer.write("User-agent: *\nDisallow: /\n", to: "robots.txt") == .written)
        // Moved into place from the staging folder: a new inode, and nothing left in the site.
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int != before)
        #expect(demo.folder.read("site/robots.txt") == "User-agent: *\nDisallow: /\n")
        #expect(!demo.folder.files(under: "site").contains { $0.contains(".tmp-") })
        // Exchanged, not renamed over: the old file is this writer's spare, beside the site, for the next
        // replacement, until the writing is done.
        #expect(demo.folder.files(under: ".site.customer-center-tmp") == [".tmp-\(getpid())-1-spare"])
        #expect(demo.folder.read(".site.customer-center-tmp/.tmp-\(getpid())-1-spare") == old)
        writer.releaseSpares()
        #expect(demo.folder.files(under: ".site.customer-center-tmp").isEmpty)
    }

    /// Replacements reuse their spares: no file is created or freed once there is one, a spare longer
    /// than the new bytes is cut to them, and the spares go with the writer.
    @Test func replacementsExchangeSparesThatGoWithTheWriter() throws {
        let demo = DemoBuild("staging-spares")
        try demo.build()
        var writer: PageWriter? = try PageWriter(root: demo.folder.file("site"))
        let long = String(repeating: "long line of an old page\n", count: 400)
        for (round, text) in [long, "short\n", long + "x", "tiny"].enumerated() {
            #expect(try writer?.write(text, to: "robots.txt") == .written, "round \(round)")
            #expect(demo.folder.read("site/robots.txt") == text, "round \(round)")
            #expect(demo.folder.files(under: ".site.customer-center-tmp") == [".tmp-\(getpid())-1-spare"], "round \(round)")
        }
        #expect(try writer?.write("tiny", to: "robots.txt") == .unchanged)
        let page = try #require(demo.folder.files(under: "site/c").first { $0.hasSuffix("index.html") })
        let before = try FileManager.default.attributesOfItem(atPath: demo.folder.file(".site.customer-center-tmp/.tmp-\(getpid())-1-spare"))[.systemFileNumber] as? Int
        #expect(try writer?.write("<html>new</html>", to: "c/" + page) == .written)
        // The page took the spare's inode.
        #expect(try FileManager.default.attributesOfItem(atPath: demo.folder.file("site/c/" + page))[.systemFileNumber] as? Int == before)
        writer = nil
        #expect(demo.folder.files(under: ".site.customer-center-tmp").isEmpty)
        #expect(demo.folder.read("site/robots.txt") == "tiny")
        #expect(demo.folder.read("site/c/" + page) == "<html>new</html>")
    }

    @Test func aStagingFolderRemovedByHandIsMadeAgain() throws {
        let demo = DemoBuild("staging-removed")
        try demo.build()
        let writer = try PageWriter(root: demo.folder.file("site"))
        try FileManager.default.removeItem(atPath: writer.stagingFolder)
        #expect(try writer.write("User-agent: *\nDisallow: /\n", to: "robots.txt") == .written)
        #expect(demo.folder.read("site/robots.txt") == "User-agent: *\nDisallow: /\n")
    }

    @Test func withoutASiblingFolderTheyGoToOneHiddenFolderInsideTheSiteThatTheSweepKeeps() throws {
        let demo = DemoBuild("inner-staging")
        // A file where the sibling folder would be: it cannot be made.
        demo.folder.write("not a folder", to: ".site.customer-center-tmp")
        try demo.build()
        let writer = try PageWriter(root: demo.folder.file("site"))
        #expect(writer.stagingFolder == demo.folder.file("site/.customer-center-tmp"))
        #expect(try writer.write("User-agent: *\nDisallow: /\n", to: "robots.txt") == .written)
        #expect(demo.folder.files(under: "site/.customer-center-tmp").isEmpty)
        // A rebuild neither refuses the folder nor sweeps the staging folder away.
        let report = try demo.build()
        #expect(report.removed.isEmpty)
        #expect(FileManager.default.fileExists(atPath: demo.folder.file("site/.customer-center-tmp")))
        #expect(demo.folder.read(".site.customer-center-tmp") == "not a folder")
    }

    @Test func strayFilesOfDeadWritersAreRemovedAndNothingElse() throws {
        let demo = DemoBuild("strays")
        try demo.build()
        let dead = try deadProcessID()
        let page = try demo.pagePath(of: "1001")
        let pageFolder = (page as NSString).deletingLastPathComponent
        // Left by killed writers: in the staging folder, and beside a page (where versions before
        // the staging folder wrote them).
        demo.folder.write("<html>half", to: ".site.customer-center-tmp/.tmp-\(dead)-7-index.html")
        demo.folder.write("<html>half", to: "site/\(pageFolder)/.tmp-\(dead)-3-index.html")
        demo.folder.write("User-agent", to: "site/.tmp-\(dead)-4-robots.txt")
        // Of writers still running (pid 1 always runs): in flight, kept.
        demo.folder.write("<html>in flight", to: ".site.customer-center-tmp/.tmp-1-9-index.html")
        demo.folder.write("<html>in flight", to: "site/\(pageFolder)/.tmp-\(getpid())-5-index.html")
        // Not our names: kept.
        for name in [".tmp-x-1-index.html", ".tmp-\(dead)-1-", ".tmp-\(dead)-y-index.html", ".tmpfile", "tmp-\(dead)-1-a.html"] {
            demo.folder.write("other", to: ".site.customer-center-tmp/\(name)")
        }
        // Of a running writer, but an hour old: nothing writes that long, so the pid was reused.
        demo.folder.write("<html>old", to: ".site.customer-center-tmp/.tmp-1-10-index.html")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7_200)],
                                              ofItemAtPath: demo.folder.file(".site.customer-center-tmp/.tmp-1-10-index.html"))

        let writer = try PageWriter(root: demo.folder.file("site"))
        let removed = try writer.removeStrayTemporaryFiles()
        #expect(removed == [
            demo.folder.file(".site.customer-center-tmp/.tmp-1-10-index.html"),
            demo.folder.file(".site.customer-center-tmp/.tmp-\(dead)-7-index.html"),
            demo.folder.file("site/.tmp-\(dead)-4-robots.txt"),
            demo.folder.file("site/\(pageFolder)/.tmp-\(dead)-3-index.html"),
        ].sorted())
        #expect(demo.folder.files(under: ".site.customer-center-tmp") == [
            ".tmp-1-9-index.html", ".tmp-\(dead)-1-", ".tmp-\(dead)-y-index.html", ".tmp-x-1-index.html", ".tmpfile", "tmp-\(dead)-1-a.html",
        ].sorted())
        #expect(demo.folder.files(under: "site").filter { $0.contains(".tmp-") } == ["\(pageFolder)/.tmp-\(getpid())-5-index.html"])
        #expect(try demo.page(of: "1001").contains("<html"))
        #expect(try writer.removeStrayTemporaryFiles().isEmpty)
    }

    @Test func aBuildRemovesStraysFirstAndReportsThem() throws {
        let demo = DemoBuild("build-strays")
        try demo.build()
        let dead = try deadProcessID()
        demo.folder.write("<html>half", to: ".site.customer-center-tmp/.tmp-\(dead)-1-index.html")
        demo.folder.write("<html>half", to: ".site.customer-center-tmp/.tmp-\(dead)-2-index.html")
        let legacy = (try demo.pagePath(of: "1002") as NSString).deletingLastPathComponent + "/.tmp-\(dead)-3-index.html"
        demo.folder.write("<html>half", to: "site/" + legacy)
        let report = try demo.build()
        #expect(report.temporaryFilesRemoved == 2)
        #expect(report.temporaryFilesNote == "Removed 2 temporary files left by an interrupted write.")
        // One beside a page (where older versions wrote them) goes with the sweep, like any file the build did not write.
        #expect(report.removed == [legacy])
        #expect(demo.folder.files(under: ".site.customer-center-tmp").isEmpty)
        #expect(!demo.folder.files(under: "site").contains { $0.contains(".tmp-") })
        #expect(try demo.build().temporaryFilesNote == nil)
    }
}
