import CustomerCenterReceiver
import CustomerCenterSigning
import Foundation
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
}
