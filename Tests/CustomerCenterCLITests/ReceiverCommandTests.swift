import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterApplication
import CustomerCenterReceiver
import CustomerCenterTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `serve`, `send-test-callback`, `payments`, `unmatched` and `assign` as a merchant runs them:
/// separate processes, a real server on 127.0.0.1, the demo content.
@Suite struct ReceiverCommandTests {
    @Test func aMerchantTestsTheDeploymentAndAssignsUnmatchedMoney() async throws {
        let folder = TemporaryFolder("cli-receiver").copyDemo()
        let cli = CommandLineTests()
        #expect(try await cli.run(["build"], in: folder).status == 0)
        let port = freeLocalPort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: TestPaths.executable)
        server.arguments = ["serve", "--port", String(port)]
        server.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        server.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        var up = false
        for _ in 0..<100 where !up {
            up = (try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!)) != nil
            if !up { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(up)

        let sent = try await cli.run(["send-test-callback", "--provider", "sandbox", "--account", "1001-STROM", "--amount", "44.20",
                                "--invoice", "RE-2026-0915", "--url", "http://127.0.0.1:\(port)"], in: folder)
        #expect(sent.status == 0)
        #expect(sent.stdout.contains(": 200 booked"))
        let stripe = try await cli.run(["send-test-callback", "--provider", "stripe", "--account", "1003-EV", "--amount", "10",
                                  "--url", "http://127.0.0.1:\(port)"], in: folder)
        #expect(stripe.stdout.contains(": 200 booked"))

        // Money for a customer the content does not know: kept, listed, assigned by hand.
        let config = try SiteConfig.load(from: folder.file("content/config.toml"))
        let secret = try SecretSource(config: config, contentFolder: folder.file("content"), environment: [:]).values("provider_sandbox_secrets")[0]
        let stranger = TestCallback(provider: config.providers["sandbox"]!, secret: secret, amount: Money(minorUnits: 1_500, currency: .eur),
                                    customerID: "9999", accountID: "9999-X", invoiceNumber: nil, timestamp: Int(Date().timeIntervalSince1970))
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/callbacks/sandbox")!)
        request.httpMethod = "POST"
        request.httpBody = Data(stranger.body)
        for header in stranger.headers { request.setValue(header.value, forHTTPHeaderField: header.name) }
        let (data, _) = try await URLSession.shared.data(for: request)
        #expect(String(decoding: data, as: UTF8.self) == "unmatched\n")

        let unmatched = try await cli.run(["unmatched"], in: folder)
        #expect(unmatched.stdout.contains("#3 15.00 EUR via sandbox"))
        #expect(unmatched.stdout.contains("unknown customer 9999"))

        let assigned = try await cli.run(["assign", "3", "--customer", "1001", "--account", "1001-STROM"], in: folder)
        #expect(assigned.status == 0)
        #expect(assigned.stdout.contains("Booked entry #3 (15.00 EUR) to 1001 / 1001-STROM."))
        let twice = try await cli.run(["assign", "3", "--customer", "1001", "--account", "1001-STROM"], in: folder)
        #expect(twice.status == 1)
        #expect(twice.stderr == "error: entry 3 is booked, not unmatched; it cannot be assigned twice\n")
        #expect(try await cli.run(["unmatched"], in: folder).stdout == "No unmatched money.\n")

        let payments = try await cli.run(["payments", "1001"], in: folder)
        #expect(payments.stdout.contains("payment 44.20 EUR via sandbox"))
        #expect(payments.stdout.contains("    RE-2026-0915: 44.20 EUR"))
        #expect(payments.stdout.contains("payment 15.00 EUR via sandbox"))

        // The page shows both, and a full build gives the same page.
        let links = try await cli.run(["links"], in: folder).stdout
        let token = links.components(separatedBy: "\r\n").first { $0.hasPrefix("1001,") }!.split(separator: "/").last!
        let page = folder.read("site/c/\(token)/index.html")
        #expect(page.contains("15,00\u{00A0}€"))
        #expect(page.contains("44,20\u{00A0}€"))
        #expect(try await cli.run(["build"], in: folder).stdout.contains(": 0 files written"))
    }
}
