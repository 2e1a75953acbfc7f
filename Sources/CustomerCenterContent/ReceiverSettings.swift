import Foundation

/// How the callback receiver (`customer-center serve`) runs: `[receiver]` in config.toml.
public struct ReceiverSettings: Sendable {
    /// The ledger database file; default `.customer-center/ledger.sqlite` beside the content folder.
    /// With a PostgreSQL ledger it stays the default, and its folder holds the build cache.
    public var ledgerPath: String
    /// `[receiver] ledger` when it is a PostgreSQL URL (`postgresql://user@host:5432/db`), without a
    /// password; nil for the SQLite file. The environment's `CUSTOMER_CENTER_LEDGER_URL` wins over both.
    public var ledgerURL: String? = nil
    /// Allowed distance between a signed timestamp and now, both directions.
    public var timestampToleranceSeconds: Int
    /// Larger callback bodies are refused with 413 before they are read whole.
    public var maxBodyBytes: Int
    /// Run after pages were regenerated (e.g. `netlify deploy --prod --dir site`); nil for none.
    public var publishCommand: String?
    /// Quiet time before the publish command runs, so a burst of callbacks publishes once.
    public var publishDebounceSeconds: Int
    /// How long one run of the publish command may take before its process group is terminated.
    public var publishTimeoutSeconds: Int
}

extension ReceiverSettings {
    /// True when `text` names a PostgreSQL ledger rather than an SQLite file.
    public static func namesLedgerURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// Why `url` cannot stand in config.toml, or nil: a password in it would be shared with content/.
    static func problemWithLedgerURL(_ url: String) -> String? {
        guard let components = URLComponents(string: url) else {
            return "not a valid URL; write postgresql://user@host:5432/database"
        }
        if components.password != nil {
            return "the URL holds a password, and content/ is shared: remove it and set CUSTOMER_CENTER_LEDGER_PASSWORD, or ledger_password in the secrets file"
        }
        return nil
    }
}

/// A payment provider that may call `/callbacks/<name>`: `[providers.<name>]` in config.toml.
public struct ProviderSettings: Sendable, Hashable {
    /// What the callback body looks like.
    public enum PayloadFormat: String, Sendable, CaseIterable {
        /// Stripe event objects.
        case stripe
        /// customer-center's own JSON (docs/providers.md): the sandbox and plain-HMAC providers.
        case sandbox
    }

    /// The URL segment and ledger name (`stripe`, `sandbox`).
    public var name: String
    /// `stripe`, `standard-webhooks` or `hmac-sha256`.
    public var scheme: String
    /// How to read the body.
    public var format: PayloadFormat
    /// The provider's API base URL (Stripe: `https://api.stripe.com`); configurable for tests and proxies.
    public var apiBase: String?
    /// The name of the secret holding this provider's signing secrets (`provider_<name>_secrets`).
    public var secretName: String { "provider_\(name)_secrets" }
    /// True for the sandbox provider: own JSON, Standard Webhooks signatures, checkout served by the receiver.
    public var canSandboxCheckout: Bool { format == .sandbox && scheme == "standard-webhooks" }
    /// True when the receiver can start checkouts with this provider (pay links).
    public var canStartCheckouts: Bool { canSandboxCheckout || format == .stripe }
    /// Where the customer's browser is sent to pay: pages must allow forms to lead there (CSP
    /// form-action also applies to the redirect that follows the form). Nil: the receiver itself.
    public var checkoutOrigin: String? { format == .stripe ? "https://checkout.stripe.com" : nil }

    /// The name of the secret holding this provider's API key (`provider_<name>_api_key`).
    public var apiKeyName: String { "provider_\(name)_api_key" }
}
