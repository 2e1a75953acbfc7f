import CustomerCenterTestSupport
import Foundation
import Testing

/// The merchant's commands work on the application alone: no receiver, no check pass over every
/// customer, and no secret of a payment provider (issue 12).
@Suite struct OfflineCommandTests {
    let cli = CommandLineTests()

    func reference(_ output: String) throws -> String {
        let range = try #require(output.range(of: #"RF\d\d \d{4} \d{4} \d{4}"#, options: .regularExpression))
        return String(output[range])
    }

    /// With Stripe taking pay links and no Stripe API key anywhere, transfers are announced, approved
    /// and rejected as ever; only `serve`, which talks to Stripe, needs the key.
    @Test func transfersNeedNoProviderSecretOrAPIKey() async throws {
        let folder = TemporaryFolder("cli-no-stripe-key").copyDemo()
        folder.write(folder.read("content/config.toml").replacingOccurrences(of: "provider = \"sandbox\"", with: "provider = \"stripe\""),
                     to: "content/config.toml")
        // No provider secrets at all, and nothing in the environment (the CLI runner passes none).
        folder.write(folder.read("demo-secrets.toml").components(separatedBy: "\n").filter { !$0.hasPrefix("provider_") }
            .joined(separator: "\n"), to: "demo-secrets.toml")
        #expect(!folder.read("demo-secrets.toml").contains("provider_"))
        #expect(try await cli.run(["build"], in: folder).status == 0)

        let first = try await cli.run(["request-transfer", "1004", "--account", "1004-KARTE", "--amount", "20,00"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let approvedReference = try reference(first.stdout)
        let second = try await cli.run(["request-transfer", "1004", "--account", "1004-KARTE", "--amount", "30,00"], in: folder)
        #expect(second.status == 0, "\(second.stderr)")
        let rejectedReference = try reference(second.stdout)

        let approved = try await cli.run(["approve", approvedReference], in: folder)
        #expect(approved.status == 0, "\(approved.stderr)")
        #expect(approved.stdout.contains("Approved \(approvedReference): 20,00\u{00A0}€ booked to 1004 / 1004-KARTE"))
        let rejected = try await cli.run(["reject", rejectedReference], in: folder)
        #expect(rejected.status == 0, "\(rejected.stderr)")
        #expect(try await cli.run(["transfers"], in: folder).stdout.contains("No transfers waiting"))
        // The receiver, which starts Stripe checkouts, still refuses to start without the key.
        let serve = try await cli.run(["serve", "--port", "\(freeLocalPort())"], in: folder)
        #expect(serve.status == 1)
        #expect(serve.stderr.contains("provider_stripe"), "\(serve.stderr)")
    }

    /// A one-customer command reads one customer file: a broken file of another customer does not
    /// stop it (the build and `check` still refuse it).
    @Test func aOneCustomerCommandDoesNotReadEveryCustomer() async throws {
        let folder = TemporaryFolder("cli-one-customer").copyDemo()
        #expect(try await cli.run(["build"], in: folder).status == 0)
        folder.write("{ broken", to: "content/customers/1001.json")
        let requested = try await cli.run(["request-transfer", "1004", "--account", "1004-KARTE", "--amount", "20,00"], in: folder)
        #expect(requested.status == 0, "\(requested.stderr)")
        #expect(try await cli.run(["approve", try reference(requested.stdout)], in: folder).status == 0)
        #expect(try await cli.run(["check"], in: folder).status == 1)
    }
}
