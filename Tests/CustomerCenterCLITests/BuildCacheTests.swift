import CustomerCenterTestSupport
import Foundation
import Testing

/// The build cache: a rebuild renders only what changed, and never keeps a stale page.
@Suite struct BuildCacheTests {
    let cli = CommandLineTests()

    func written(_ output: String) -> Int? {
        output.range(of: #"(\d+) files? written"#, options: .regularExpression)
            .flatMap { Int(output[$0].split(separator: " ")[0]) }
    }

    @Test func rebuildsRenderOnlyWhatChanged() async throws {
        let folder = TemporaryFolder("cli-cache").copyDemo()
        #expect(written(try await cli.run(["build"], in: folder).stdout) ?? 0 > 8)
        #expect(written(try await cli.run(["build"], in: folder).stdout) == 0)
        // One customer's file: that page and the statement that names them (not the CSV, which does not).
        let path = "content/customers/1002.json"
        folder.write(folder.read(path).replacingOccurrences(of: "\"name\": \"", with: "\"name\": \"Dr. "), to: path)
        #expect(written(try await cli.run(["build"], in: folder).stdout) == 2)
        // Every file of a skipped customer is checked: a deleted statement CSV is written again.
        let csv = try #require(folder.files(under: "site/c").first { $0.hasSuffix("statement.csv") })
        try FileManager.default.removeItem(atPath: folder.file("site/c/" + csv))
        #expect(written(try await cli.run(["build"], in: folder).stdout) == 1)
        #expect(FileManager.default.fileExists(atPath: folder.file("site/c/" + csv)))
        // A replaced invoice PDF is copied again.
        let pdf = try #require(folder.files(under: "site/c").first { $0.hasSuffix(".pdf") })
        var bytes = try Data(contentsOf: URL(fileURLWithPath: folder.file("content/documents/RE-2026-0915.pdf")))
        bytes.append(contentsOf: Array("\n% second version\n".utf8))
        try bytes.write(to: URL(fileURLWithPath: folder.file("content/documents/RE-2026-0915.pdf")))
        #expect(written(try await cli.run(["build"], in: folder).stdout) == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("site/c/" + pdf))) == bytes)
        // Money in the ledger for one customer: that page only.
        #expect(try await cli.run(["request-transfer", "1004", "--account", "1004-KARTE", "--amount", "20,00"], in: folder).status == 0)
        #expect(written(try await cli.run(["build"], in: folder).stdout) == 0)   // request-transfer already wrote it
        // A deleted page is written again; a template change renders every page.
        let page = try #require(folder.files(under: "site/c").first { $0.hasSuffix("index.html") })
        try FileManager.default.removeItem(atPath: folder.file("site/c/" + page))
        #expect(written(try await cli.run(["build"], in: folder).stdout) == 1)
        folder.write(folder.read("Templates/partials/footer.mustache") + "\n<!-- changed -->\n", to: "Templates/partials/footer.mustache")
        let all = try await cli.run(["build"], in: folder).stdout
        #expect(written(all) ?? 0 >= 8, "\(all)")
    }
}
