import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterReceiver
import CustomerCenterRender
import CustomerCenterSigning
import CustomerCenterTestSupport
import Foundation
import Testing

/// What the speed work must not change: a parallel build writes the same bytes as regenerating each
/// page alone, and grouped commits book every concurrent callback exactly once.
@Suite struct ScaleCorrectnessTests {
    /// 300 synthetic customers (the benchmark's generator) in the demo's configuration.
    func harnessWithDataset() async throws -> ReceiverHarness {
        let harness = try await ReceiverHarness()
        try FileManager.default.removeItem(atPath: harness.folder.file("content/customers"))
        let data = harness.folder.file("data")
        let generator = try ToolRun("/usr/bin/env", ["python3", TestPaths.shared + "/bench/make_dataset.py", "300", "--out", data, "--no-split"])
        try #require(generator.status == 0, "\(generator.errorText)")
        _ = try DatasetImporter(content: ContentFolder(path: harness.folder.file("content"))).importFile(data + "/customers.json")
        return harness
    }

    @Test func aParallelBuildWritesTheBytesOfOnePageRegeneratedAtATime() async throws {
        let harness = try await harnessWithDataset()
        let ids = try ContentFolder(path: harness.options.contentPath).customerFiles()
            .map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
        try #require(ids.count == 300)
        // Some ledger activity, so pages carry booked money and RF references too.
        let announced = try await harness.withReceiver { receiver, _ async throws -> Int in
            var announced = 0
            // About 15% of the generated customers have a prepaid second account.
            for id in ids.prefix(80) where (try? await receiver.transfers.request(customerID: id, accountID: id + "-2", amount: "25,00")) != nil {
                announced += 1
            }
            return announced
        }
        #expect(announced > 0)
        // The whole site in one parallel build...
        let config = try ContentFolder(path: harness.options.contentPath).loadConfig()
        let ledger = try Ledger(path: config.receiver.ledgerPath)
        var build = BuildOptions(contentPath: harness.options.contentPath, templatesPath: harness.options.templatesPath,
                                 outputPath: harness.folder.file("built"), environment: harness.options.environment)
        build.today = config.today(now: harness.options.now())
        let report = try SiteBuilder(options: build.reading(ledger, config: config, now: harness.options.now)).build()
        #expect(report.customers == 300)
        // ...and every page regenerated alone, through the receiver's path, into another folder.
        var single = harness.options
        single.outputPath = harness.folder.file("single")
        try FileManager.default.createDirectory(atPath: single.outputPath, withIntermediateDirectories: true)
        try await harness.withReceiver(options: single) { receiver, _ async throws in
            for id in ids { #expect(receiver.pages.regenerateNow(id)) }
        }
        let pages = harness.folder.files(under: "built/c").filter { $0.hasSuffix("index.html") }
        #expect(pages.count == 300)
        var differing: [String] = []
        for page in pages where harness.folder.read("built/c/" + page) != harness.folder.read("single/c/" + page) {
            differing.append(page)
        }
        #expect(differing.isEmpty, "pages differ: \(differing.prefix(3))")
    }

    /// Under load the receiver writes the pages of every customer booked to meanwhile together, with one
    /// read of the ledger: those pages have a build's bytes, and a customer whose file broke since is
    /// left out (named in the log, its mark kept) without holding back the others.
    @Test func pagesRegeneratedInOneBatchHaveABuildsBytesAndABrokenFileHoldsBackOnlyItsOwn() async throws {
        let harness = try await harnessWithDataset()
        let ids = try ContentFolder(path: harness.options.contentPath).customerFiles()
            .map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
        try #require(ids.count == 300)
        try await harness.withReceiver { receiver, _ async throws in
            for id in ids.prefix(80) { _ = try? await receiver.transfers.request(customerID: id, accountID: id + "-2", amount: "25,00") }
        }
        let config = try ContentFolder(path: harness.options.contentPath).loadConfig()
        var build = BuildOptions(contentPath: harness.options.contentPath, templatesPath: harness.options.templatesPath,
                                 outputPath: harness.folder.file("built"), environment: harness.options.environment)
        build.today = config.today(now: harness.options.now())
        _ = try SiteBuilder(options: build.reading(try Ledger(path: config.receiver.ledgerPath), config: config, now: harness.options.now)).build()

        let broken = ids[7]
        try "{ \"id\": ".write(toFile: harness.options.contentPath + "/customers/\(broken).json", atomically: true, encoding: .utf8)
        var batched = harness.options
        batched.outputPath = harness.folder.file("batched")
        try FileManager.default.createDirectory(atPath: batched.outputPath, withIntermediateDirectories: true)
        let records = RecordingLogHandler.Records()
        try await harness.withReceiver(options: batched, logger: RecordingLogHandler.logger(records)) { receiver, _ async throws in
            for id in ids { await receiver.pages.schedule(id) }
            await receiver.pages.idle()
        }
        let pages = harness.folder.files(under: "built/c").filter { $0.hasSuffix("index.html") }
        #expect(pages.count == 300)
        let written = harness.folder.files(under: "batched/c").filter { $0.hasSuffix("index.html") }
        #expect(written.count == 299, "every page but the broken customer's")
        var differing: [String] = []
        for page in written where harness.folder.read("built/c/" + page) != harness.folder.read("batched/c/" + page) {
            differing.append(page)
        }
        #expect(differing.isEmpty, "pages differ: \(differing.prefix(3))")
        #expect(records.with("page regeneration failed").map { $0.metadata["customer"] } == [broken])
        #expect(records.with("page regenerated").contains { $0.metadata["batch"] != nil }, "written together")
    }

    @Test func concurrentCallbacksAreEachBookedOnceInGroupCommits() async throws {
        let harness = try await ReceiverHarness()
        try await harness.withReceiver { receiver, client async throws in
            // 120 callbacks at once over HTTP, 20 of them repeats of earlier events.
            let bodies = (0..<100).map { index in
                ReceiverHarness.sandboxEvent(id: "evt_\(index)", payment: "pay_\(index)", amount: "1.00")
            }
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group -> [String] in
                for index in 0..<120 {
                    let body = bodies[index % 100]
                    group.addTask {
                        let reply = try await client.sandbox(body, headers: ReceiverHarness.sandboxHeaders(body, id: "msg_\(index)"))
                        return "\(reply.status) \(reply.body)"
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.allSatisfy { $0.hasPrefix("200 ") })
            #expect(outcomes.filter { $0 == "200 booked" }.count == 100)
            #expect(try receiver.ledger.entries(customerID: "1001").count == 100)
            #expect(try receiver.ledger.entries(customerID: "1001").reduce(0) { $0 + $1.amountMinor } == 10_000)
        }
    }
}
