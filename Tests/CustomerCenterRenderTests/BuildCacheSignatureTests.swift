import CustomerCenterRender
import CustomerCenterTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The build cache trusts the file system's change signals (size, mtime and ctime to the
/// nanosecond, inode) to skip customer files without reading them, and content hashes where the
/// signals moved; a lost or corrupt cache costs only time. Real files, real builds.
@Suite struct BuildCacheSignatureTests {
    /// The demo with a build cache, built once; then a second, with every signature old enough to be
    /// trusted (a file changed in the last second is hashed again, however its signals look).
    func builtTwice(_ label: String) throws -> DemoBuild {
        var demo = DemoBuild(label)
        demo.options.cachePath = demo.folder.file(".customer-center/build-cache/site.cache")
        demo.options.checkCachePath = demo.folder.file(".customer-center/build-cache/content.cache")
        try demo.build()
        Thread.sleep(forTimeInterval: 1.1)
        try demo.build()
        return demo
    }

    /// The modification time of `path`, to the nanosecond.
    func modified(_ path: String) -> timespec {
        var info = stat()
        stat(path, &info)
        return info.st_mtim
    }

    func setModified(_ path: String, _ time: timespec) {
        var times = [time, time]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    }

    @Test func aNoChangeRebuildReadsNoCustomerFileAndWritesNothing() throws {
        let demo = try builtTwice("cache-nochange")
        let report = try demo.build()
        #expect(report.customers == 8)
        #expect(report.customerFilesRead == 0)
        #expect(report.customerFilesParsed == 0)
        #expect(report.pagesRendered == 0)
        #expect(report.written == 0)
    }

    @Test func anEditWithSizeAndModificationTimeRestoredIsStillSeen() throws {
        let demo = try builtTwice("cache-restored")
        let path = demo.folder.file("content/customers/1002.json")
        let before = modified(path)
        let text = demo.folder.read("content/customers/1002.json")
        #expect(text.contains("Müller"))
        // Same length, same mtime: only the ctime (which no program can set back) tells.
        demo.folder.write(text.replacingOccurrences(of: "Müller", with: "Mahler"), to: "content/customers/1002.json")
        setModified(path, before)
        #expect(modified(path).tv_nsec == before.tv_nsec && modified(path).tv_sec == before.tv_sec)
        let report = try demo.build()
        #expect(report.customerFilesRead == 1)
        #expect(report.customerFilesParsed == 1)
        #expect(report.pagesRendered == 1)
        // The page and the statement page name the customer; the statement CSV does not, so it stays.
        #expect(report.written == 2)
        #expect(try demo.page(of: "1002").contains("Mahler &amp; Söhne"))
    }

    @Test func aTouchedButUnchangedFileIsHashedNotParsedAndWritesNothing() throws {
        let demo = try builtTwice("cache-touched")
        let path = demo.folder.file("content/customers/1003.json")
        setModified(path, timespec(tv_sec: 1_700_000_000, tv_nsec: 123))
        // (A file changed in the last second is hashed at every build, however its signals look.)
        Thread.sleep(forTimeInterval: 1.1)
        let report = try demo.build()
        #expect(report.customerFilesRead == 1)
        #expect(report.customerFilesParsed == 0)
        #expect(report.pagesRendered == 0)
        #expect(report.written == 0)
        // The new signature is kept, and vouches for the file from now on.
        #expect(try demo.build().customerFilesRead == 0)
    }

    @Test func aFileReplacedByAnotherWithTheSameBytesIsHashedOnly() throws {
        let demo = try builtTwice("cache-replaced")
        // A new inode (an import writes a temporary file and renames it), same bytes.
        let relative = "content/customers/1005.json"
        let text = demo.folder.read(relative)
        try FileManager.default.removeItem(atPath: demo.folder.file(relative))
        demo.folder.write(text, to: relative)
        let report = try demo.build()
        #expect(report.customerFilesRead == 1)
        #expect(report.customerFilesParsed == 0)
        #expect(report.written == 0)
    }

    @Test func aCorruptCacheIsIgnoredAndWrittenAnew() throws {
        let demo = try builtTwice("cache-corrupt")
        let checks = try #require(demo.options.checkCachePath)
        let pageCache = try #require(demo.options.cachePath)
        let pages = demo.folder.files(under: "site/c").map { demo.folder.read("site/c/" + $0) }
        for (file, isChecks) in [(checks, true), (pageCache, false)] {
            for damage in ["customer-center build cache v3\ngarbage", "customer-center build cache v2\n", "", "customer-center build cache v1\n1001\tabc\tc/x/index.html\n"] {
                try Data(damage.utf8).write(to: URL(fileURLWithPath: file))
                let report = try demo.build()
                // Lost checks: every file parsed again (by the check pass); lost pages: every page rendered
                // again (each file parsed for it). The same bytes either way, so nothing is written.
                #expect(report.customerFilesParsed == 8)
                #expect(report.pagesRendered == (isChecks ? 0 : 8))
                #expect(report.written == 0)
                #expect(demo.folder.files(under: "site/c").map { demo.folder.read("site/c/" + $0) } == pages)
                Thread.sleep(forTimeInterval: 1.1)
                let next = try demo.build()
                #expect(next.customerFilesRead == 0 && next.pagesRendered == 0, "the cache was written anew")
            }
            // A flipped byte anywhere fails the checksum.
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            bytes[bytes.count / 2] ^= 0x20
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            let report = try demo.build()
            #expect(report.customerFilesParsed == 8 && report.pagesRendered == (isChecks ? 0 : 8))
        }
    }

    @Test func aBrokenFileIsStillRefusedWhenTheCacheKnewItValid() throws {
        let demo = try builtTwice("cache-broken")
        demo.edit("content/customers/1001.json") { $0.replacingOccurrences(of: "\"due\": \"", with: "\"due\": \"x") }
        #expect(throws: BuildError.self) { try demo.build() }
    }

    @Test func aDuplicateIdBetweenAnUnchangedAndAChangedFileIsReportedAsWithoutTheCache() throws {
        let demo = try builtTwice("cache-duplicate")
        // 1002 keeps its file; 1001 takes one of 1002's invoice numbers.
        let taken = try #require(demo.folder.read("content/customers/1002.json").firstMatch(of: /"number": "([^"]+)"/)?.output.1)
        demo.edit("content/customers/1001.json") { text in
            guard let match = text.firstMatch(of: /"number": "([^"]+)"/) else { return text }
            return text.replacingCharacters(in: match.range, with: "\"number\": \"\(taken)\"")
        }
        var withCache: [String] = []
        do { try demo.build() } catch { withCache = error.problems }
        var fresh = demo.options
        fresh.cachePath = nil
        fresh.checkCachePath = nil
        var without: [String] = []
        do { _ = try SiteBuilder(options: fresh).build() } catch { without = error.problems }
        #expect(!withCache.isEmpty)
        #expect(withCache == without)
    }

    @Test func anUnchangedFileWhoseDocumentWasReplacedOrRemovedIsNotTakenOnTrust() throws {
        let demo = try builtTwice("cache-document")
        // 1001's file is not read (its signature vouches for it), but its invoice PDF is stamped again.
        let pdf = demo.folder.file("content/documents/RE-2026-0915.pdf")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: pdf)))
        bytes += Array("\n% replaced\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: pdf))
        let replaced = try demo.build()
        #expect(replaced.customerFilesRead == 1, "the customer file is parsed again for rendering")
        #expect(replaced.pagesRendered == 1)
        let copied = try #require(demo.folder.files(under: "site/c").first { $0.hasSuffix(".pdf") })
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: demo.folder.file("site/c/" + copied)))) == bytes)

        // A removed document is reported exactly as a build without a cache reports it (file:line).
        try FileManager.default.removeItem(atPath: pdf)
        var withCache: [String] = []
        do { try demo.build() } catch { withCache = error.problems }
        var fresh = demo.options
        fresh.cachePath = nil
        fresh.checkCachePath = nil
        var without: [String] = []
        do { _ = try SiteBuilder(options: fresh).build() } catch { without = error.problems }
        #expect(withCache.count == 1)
        #expect(withCache == without)
        #expect(withCache.first?.contains("1001.json:") == true)
    }
}
