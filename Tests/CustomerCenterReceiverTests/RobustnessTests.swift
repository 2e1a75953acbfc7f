import CustomerCenterLogging
import CustomerCenterReceiver
import CustomerCenterSigning
import Foundation
import Logging
import Synchronization
import Testing

@Suite struct RobustnessTests {
    /// Correctly signed garbage of every shape: the receiver refuses it with a 4xx (or ignores it),
    /// never a 5xx, and stays up.
    @Test func signedGarbageNeverYieldsAServerError() async throws {
        let harness = try await ReceiverHarness()
        var generator = SystemRandomNumberGenerator()
        var bodies: [[UInt8]] = [
            Array("null".utf8), Array("[]".utf8), Array("{}".utf8), Array("\"x\"".utf8), Array("{\"id\": 1}".utf8),
            Array("{\"id\": \"e\", \"type\": \"payment.succeeded\", \"created\": \"soon\"}".utf8),
            Array("{\"id\": \"e\", \"type\": \"payment.succeeded\", \"created\": 1, \"payment\": []}".utf8),
            Array("{\"id\": \"e\", \"type\": \"payment.refunded\", \"created\": 1, \"payment\": {\"id\": \"p\", \"amount\": \"1.00\", \"currency\": \"EUR\"}}".utf8),
            Array("{\"id\": \"e\", \"type\": \"payment.succeeded\", \"created\": 1e400, \"payment\": {}}".utf8),
            Array("{\"id\": \"e\", \"type\": \"payment.succeeded\", \"created\": 1, \"payment\": {\"id\": \"p\", \"amount\": \"99999999999999999999\", \"currency\": \"EUR\"}}".utf8),
            Array("{\"id\": \"\(String(repeating: "a", count: 300))\", \"type\": \"payment.succeeded\", \"created\": 1}".utf8),
            [0xFF, 0xFE, 0x00, 0x7B],
        ]
        for _ in 0..<60 {
            bodies.append((0..<Int.random(in: 0...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
        let all = bodies
        try await harness.withReceiver { receiver, client async throws in
            for body in all {
                let reply = try await client.sandbox(body)
                #expect((200..<500).contains(reply.status), "status \(reply.status) for \(body.prefix(40))")
            }
            #expect(try receiver.ledger.entries(customerID: "1001").isEmpty)
            #expect(try await client.send("GET", "/healthz").status == 200)
        }
    }
}

@Suite struct PublishCommandTests {
    @Test func runsDebouncedAfterPagesChangeAndRetriesFailures() async throws {
        let harness = try await ReceiverHarness()
        let marker = harness.folder.file("published.log")
        // Fails the first time (no marker yet), succeeds on the retry.
        let command = "if [ -f \(marker) ]; then echo ok >> \(marker); else echo first >> \(marker); exit 3; fi"
        harness.folder.write(harness.folder.read("content/config.toml")
            .replacingOccurrences(of: "publish_command = \"\"", with: "publish_command = \"\(command.replacingOccurrences(of: "\"", with: "\\\""))\"")
            .replacingOccurrences(of: "publish_debounce_seconds = 10", with: "publish_debounce_seconds = 0"),
                             to: "content/config.toml")
        try await harness.withReceiver { receiver, client async throws in
            let body = ReceiverHarness.sandboxEvent(id: "evt_1", payment: "pay_1", amount: "1.00")
            #expect(try await client.sandbox(body).status == 200)
            await receiver.waitForPages()
            // The first run fails; the retry two seconds later (twice the one-second minimum) succeeds.
            for _ in 0..<60 where !harness.folder.read("published.log").contains("ok") {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(harness.folder.read("published.log").hasPrefix("first\nok\n"))
    }

    /// The log line of a failed publish holds its exit status and the start of its standard error,
    /// escaped: the command's line break cannot start a forged line.
    @Test func aFailingPublishCommandsStandardErrorIsLogged() async throws {
        let harness = try await ReceiverHarness()
        let command = "printf 'rsync: connection refused\\\\n2026-11-29T05:40:20Z info customer-center: published' >&2; exit 12"
        harness.folder.write(harness.folder.read("content/config.toml")
            .replacingOccurrences(of: "publish_command = \"\"", with: "publish_command = \"\(command)\"")
            .replacingOccurrences(of: "publish_debounce_seconds = 10", with: "publish_debounce_seconds = 0"),
                             to: "content/config.toml")
        let lines = Mutex<[String]>([])
        let logger = Logger(label: "customer-center") { LogLineHandler(label: $0, sink: .lines { line in lines.withLock { $0.append(line) } }) }
        try await harness.withReceiver(logger: logger) { receiver, client async throws in
            let body = ReceiverHarness.sandboxEvent(id: "evt_1", payment: "pay_1", amount: "1.00")
            #expect(try await client.sandbox(body).status == 200)
            await receiver.waitForPages()
            for _ in 0..<100 where !lines.withLock({ $0.contains { $0.contains("publish command failed") } }) {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let logged = lines.withLock { $0 }
        let failed = try #require(logged.first { $0.contains("publish command failed; will retry") })
        #expect(failed.contains(" status=12 "), "\(failed)")
        #expect(failed.contains(" reason=\"failed with exit status 12\""), "\(failed)")
        #expect(failed.contains(" stderr=\"rsync: connection refused\\n2026-11-29T05:40:20Z info customer-center: published\""), "\(failed)")
        #expect(!failed.contains("\n"), "one line: \(failed)")
        #expect(!logged.contains { $0.contains(": published") && !$0.contains("stderr=") }, "no publish succeeded")
    }

    /// A publish command still running after `publish_timeout_seconds` is terminated with its process
    /// group, logged, and retried; the retry succeeds.
    @Test func aHangingPublishCommandIsKilledAfterItsTimeoutAndRetried() async throws {
        let harness = try await ReceiverHarness()
        let marker = harness.folder.file("published.log")
        let child = harness.folder.file("child.pid")
        // Hangs the first time (its child sleeping ten minutes), succeeds on the retry.
        let command = "if [ -f \(marker) ]; then echo ok >> \(marker); else echo first >> \(marker); sleep 600 & echo $! > \(child); wait; fi"
        harness.folder.write(harness.folder.read("content/config.toml")
            .replacingOccurrences(of: "publish_command = \"\"", with: "publish_command = \"\(command)\"")
            .replacingOccurrences(of: "publish_debounce_seconds = 10", with: "publish_debounce_seconds = 0\npublish_timeout_seconds = 1"),
                             to: "content/config.toml")
        let records = RecordingLogHandler.Records()
        let clock = ContinuousClock()
        let started = clock.now
        try await harness.withReceiver(logger: RecordingLogHandler.logger(records)) { receiver, client async throws in
            let body = ReceiverHarness.sandboxEvent(id: "evt_1", payment: "pay_1", amount: "1.00")
            #expect(try await client.sandbox(body).status == 200)
            await receiver.waitForPages()
            // One second of timeout, the SIGTERM, then the retry two seconds later (far longer on a
            // machine busy with the other suites).
            for _ in 0..<1_200 where records.with("published").isEmpty {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        // Well short of the hanging child's ten minutes, with room for a loaded CI machine.
        #expect(clock.now - started < .seconds(180))
        #expect(harness.folder.read("published.log").hasPrefix("first\nok\n"))
        let failure = try #require(records.with("publish command failed; will retry").first)
        #expect(failure.metadata["reason"] == "timed out after 1 s and was terminated")
        #expect(failure.metadata["attempt"] == "1")
        #expect(failure.metadata["status"] == nil)
        let pid = try #require(Int32(harness.folder.read("child.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(!Self.isAlive(pid), "the publish command's child was terminated too")
    }

    /// A killed writer's temporary files are gone before the first publish, and a write in flight
    /// during a publish is outside the published folder.
    @Test func publishesNoTemporaryFile() async throws {
        let harness = try await ReceiverHarness()
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let dead = ended.processIdentifier
        let pageFolder = try harness.pageToken(of: "1001")
        harness.folder.write("<html>half", to: "site/c/\(pageFolder)/.tmp-\(dead)-1-index.html")
        harness.folder.write("<html>half", to: ".site.customer-center-tmp/.tmp-\(dead)-2-index.html")
        // A replacement being written right now by another writer (pid 1 always runs).
        harness.folder.write("<html>in flight", to: ".site.customer-center-tmp/.tmp-1-3-index.html")
        let published = harness.folder.file("published")
        harness.folder.write(harness.folder.read("content/config.toml")
            .replacingOccurrences(of: "publish_command = \"\"", with: "publish_command = \"cp -R \(harness.folder.file("site")) \(published).part && mv \(published).part \(published)\"")
            .replacingOccurrences(of: "publish_debounce_seconds = 10", with: "publish_debounce_seconds = 0"),
                             to: "content/config.toml")
        try await harness.withReceiver { receiver, client async throws in
            let body = ReceiverHarness.sandboxEvent(id: "evt_1", payment: "pay_1", amount: "1.00")
            #expect(try await client.sandbox(body).status == 200)
            await receiver.waitForPages()
            // The copy appears whole (renamed into place once complete).
            for _ in 0..<100 where !FileManager.default.fileExists(atPath: published) {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        let files = harness.folder.files(under: "published")
        #expect(files.contains("c/\(pageFolder)/index.html"))
        #expect(!files.contains { $0.contains(".tmp-") }, "published: \(files.filter { $0.contains(".tmp-") })")
        #expect(harness.folder.files(under: ".site.customer-center-tmp") == [".tmp-1-3-index.html"])
    }

    /// Whether `pid` is a live process (a zombie counts as gone).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        guard let close = stat.lastIndex(of: ")") else { return true }
        return !stat[stat.index(close, offsetBy: 2)...].hasPrefix("Z")
    }
}
