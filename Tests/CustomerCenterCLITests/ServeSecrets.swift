import CustomerCenterLedgerPostgres
import CustomerCenterTestSupport
import Foundation

/// The secrets of a test that runs the real `serve` binary, as production passes them: only in the
/// environment (the copied demo secrets file is emptied), drawn from the test's seeded generator so
/// that a replay (`CRASH_SEED`) signs the same way. Shared by the crash, outage and two-receiver tests.
struct ServeSecrets {
    /// The sandbox provider's signing secret (the callbacks are signed with it).
    let sandboxSecret: String
    /// The `CUSTOMER_CENTER_*` variables alone, for the commands (`CommandLineTests.run`).
    let variables: [String: String]
    /// The test process's environment without its own `CUSTOMER_CENTER_*` variables, plus `variables`: for `serve`.
    let environment: [String: String]

    /// Secrets named after `name` ("crash-test", one word), the ledger at `ledgerURL` when given; empties the
    /// demo secrets file of `folder`.
    init(_ name: String, folder: TemporaryFolder, ledgerURL: PostgresLedgerURL? = nil, random: inout SeededGenerator) {
        sandboxSecret = "whsec_" + Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }).base64EncodedString()
        folder.write("# The \(name) passes every secret in the environment.\n", to: "demo-secrets.toml")
        var variables = [
            "CUSTOMER_CENTER_LINK_SECRET": "\(name)-link-secret-" + String(random.next(), radix: 16) + "-0123456789abcdef",
            "CUSTOMER_CENTER_PAY_LINK_SECRET": "\(name)-pay-link-secret-" + String(random.next(), radix: 16) + "-0123456789",
            "CUSTOMER_CENTER_PROVIDER_SANDBOX_SECRETS": sandboxSecret,
            "CUSTOMER_CENTER_PROVIDER_STRIPE_SECRETS": "whsec_\(name.replacingOccurrences(of: "-", with: "_"))_stripe_" + String(random.next(), radix: 16),
        ]
        if let ledgerURL { variables["CUSTOMER_CENTER_LEDGER_URL"] = ledgerURL.description }
        self.variables = variables
        environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CUSTOMER_CENTER_") }.merging(variables) { $1 }
    }
}
