import CustomerCenterTestSupport
import Foundation
import Testing

/// Stripe refuses metadata values over 500 characters; with Stripe taking pay links, `check` and
/// `build` refuse such content, naming the file and field, before any customer reaches a checkout.
@Suite struct StripeLimitsCommandTests {
    let cli = CommandLineTests()
    let environment = ["CUSTOMER_CENTER_PROVIDER_STRIPE_API_KEY": "sk_test_123"]

    /// The demo with `provider`, and 1002's first invoice numbered with `length` characters.
    func demo(provider: String, invoiceNumberLength length: Int) -> TemporaryFolder {
        let folder = TemporaryFolder("cli-stripe-limits").copyDemo()
        folder.write(folder.read("content/config.toml").replacingOccurrences(of: "provider = \"sandbox\"", with: "provider = \"\(provider)\""),
                     to: "content/config.toml")
        let number = "RE-2026-2001-" + String(repeating: "X", count: length - 13)
        folder.write(folder.read("content/customers/1002.json").replacingOccurrences(of: "RE-2026-2001", with: number),
                     to: "content/customers/1002.json")
        return folder
    }

    @Test func anInvoiceNumberOverStripesLimitIsRefusedByCheckAndBuild() async throws {
        let folder = demo(provider: "stripe", invoiceNumberLength: 501)
        let check = try await cli.run(["check"], in: folder, environment: environment)
        #expect(check.status == 1)
        #expect(check.stderr == """
            error: content/customers/1002.json: accounts[0].invoices[0].number: invoice number "RE-2026-2001-XXXXXXXXXXX…" is 501 \
            characters; checkouts go to Stripe ([providers.stripe]), which takes at most 500 in metadata

            """)
        let build = try await cli.run(["build", "--as-of", "2026-11-29"], in: folder, environment: environment)
        #expect(build.status == 1)
        #expect(build.stderr == check.stderr)
        #expect(!FileManager.default.fileExists(atPath: folder.file("site")))
    }
}
