import Foundation

/// Verifies a provider callback's signature over the raw body bytes, before anything is parsed.
///
/// Every configured secret is tried (rotation: old and new secrets are valid at once), every candidate
/// signature is compared in constant time, and signed timestamps must lie within `tolerance` seconds
/// of now in either direction.
public struct WebhookVerifier: Sendable {
    /// The scheme the provider uses.
    public let scheme: WebhookScheme
    /// The provider's secrets, newest first; any one may have signed.
    public let secrets: [String]
    /// Allowed distance between the signed timestamp and now, in seconds.
    public let tolerance: Int

    /// A verifier for `scheme` with `secrets`.
    public init(scheme: WebhookScheme, secrets: [String], tolerance: Int = 300) {
        self.scheme = scheme
        self.secrets = secrets
        self.tolerance = tolerance
    }

    /// Checks the signature of `body`. `header` looks a header up by lower-case name.
    public func verify(body: [UInt8], header: (String) -> String?, now: Int) throws(WebhookVerificationError) {
        guard !secrets.isEmpty else { throw .noSecretConfigured }
        switch scheme {
        case .stripe: try verifyStripe(body: body, header: header, now: now)
        case .standardWebhooks: try verifyStandardWebhooks(body: body, header: header, now: now)
        case .hmacSHA256: try verifyPlain(body: body, header: header)
        }
    }

    /// The signed timestamp must lie within `tolerance` of `now`. Both are compared without
    /// arithmetic that can trap: a timestamp such as `-9223372036854775808` is merely far away.
    private func checkTimestamp(_ timestamp: Int, now: Int) throws(WebhookVerificationError) {
        let (age, overflow) = now.subtractingReportingOverflow(timestamp)
        guard !overflow, age.magnitude <= UInt(clamping: tolerance) else {
            throw .timestampOutsideTolerance(ageSeconds: overflow ? nil : age)
        }
    }

    /// True when any secret's tag over `message` equals any candidate, all compared in constant time.
    private func anyMatches(_ candidates: [[UInt8]], message: [UInt8], keys: [[UInt8]]) -> Bool {
        var matched = false
        for key in keys {
            let expected = HMACSHA256.authenticate(message, key: key)
            // No early exit, so timing does not reveal which secret or candidate matched.
            for candidate in candidates where ConstantTime.equals(candidate, expected) { matched = true }
        }
        return matched
    }

    private func verifyStripe(body: [UInt8], header: (String) -> String?, now: Int) throws(WebhookVerificationError) {
        guard let value = header("stripe-signature") else { throw .missingHeader("Stripe-Signature") }
        let parsed = try StripeSignatureHeader(value)
        try checkTimestamp(parsed.timestamp, now: now)
        let message = Array("\(parsed.timestamp).".utf8) + body
        guard anyMatches(parsed.signatures, message: message, keys: secrets.map { Array($0.utf8) }) else { throw .signatureMismatch }
    }

    private func verifyStandardWebhooks(body: [UInt8], header: (String) -> String?, now: Int) throws(WebhookVerificationError) {
        let parsed = try StandardWebhookHeaders(id: header("webhook-id"), timestamp: header("webhook-timestamp"),
                                                signature: header("webhook-signature"))
        try checkTimestamp(parsed.timestamp, now: now)
        let keys = secrets.map(WebhookVerifier.standardWebhooksKey)
        let message = Array("\(parsed.id).\(parsed.timestamp).".utf8) + body
        guard anyMatches(parsed.signatures, message: message, keys: keys) else { throw .signatureMismatch }
    }

    private func verifyPlain(body: [UInt8], header: (String) -> String?) throws(WebhookVerificationError) {
        guard let value = header("x-signature") else { throw .missingHeader("X-Signature") }
        let parsed = try PlainSignatureHeader(value)
        guard anyMatches([parsed.signature], message: body, keys: secrets.map { Array($0.utf8) }) else { throw .signatureMismatch }
    }

    /// The key of a Standard Webhooks secret: base64 after the `whsec_` prefix, as the specification
    /// says; a secret that is not base64 is used as its UTF-8 bytes (signer and verifier agree).
    static func standardWebhooksKey(_ secret: String) -> [UInt8] {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
        return Data(base64Encoded: encoded).map { [UInt8]($0) } ?? Array(secret.utf8)
    }
}
