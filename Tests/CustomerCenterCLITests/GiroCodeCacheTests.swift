import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

/// GiroCodes kept in the ledger by RF reference: a page built from kept codes has the same bytes as
/// one whose codes were all encoded anew, and a kept code is used only for exactly its payload.
@Suite struct GiroCodeCacheTests {
    let cli = CommandLineTests()

    func customerPages(_ folder: TemporaryFolder, _ output: String) -> [String: String] {
        var pages: [String: String] = [:]
        for file in folder.files(under: output + "/c") where file.hasSuffix("index.html") {
            pages[file] = folder.read(output + "/c/" + file)
        }
        return pages
    }

    @Test func keptCodesGiveTheSameBytesAndStaleOnesAreDrawnAgain() async throws {
        let folder = TemporaryFolder("cli-girocodes").copyDemo()
        #expect(try await cli.run(["build"], in: folder).status == 0)
        let first = customerPages(folder, "site")
        let references = Set(first.values.flatMap { page in
            page.matches(of: /alt="GiroCode ([^"]+)"/).map { String($0.1) }
        })
        #expect(references.count >= 4, "the demo pages show GiroCodes")
        let ledgerFile = try #require(folder.files(under: ".customer-center").first { $0.hasSuffix("ledger.sqlite") })
        let ledger = try Ledger(path: folder.file(".customer-center/" + ledgerFile))
        let kept = try ledger.giroCodes(references: Array(references))
        #expect(Set(kept.keys) == references, "every code drawn by the build is kept")

        // A fresh folder (no page to skip): every code comes from the ledger, the bytes are the same.
        #expect(try await cli.run(["build", "--output", "site-kept"], in: folder).status == 0)
        let keptPagesAreTheSame = customerPages(folder, "site-kept") == first  // (a Bool: the pages are long)
        #expect(keptPagesAreTheSame)

        // Kept codes that no longer match their payload are never shown: each is drawn again and kept.
        try ledger.saveGiroCodes(kept.mapValues {
            StoredGiroCode(payloadHash: [UInt8](repeating: 0, count: 16), size: $0.size, modules: [UInt8](repeating: 0xFF, count: $0.modules.count))
        })
        #expect(try await cli.run(["build", "--output", "site-stale"], in: folder).status == 0)
        let redrawnPagesAreTheSame = customerPages(folder, "site-stale") == first
        #expect(redrawnPagesAreTheSame)
        #expect(try ledger.giroCodes(references: Array(references)) == kept)
    }
}
