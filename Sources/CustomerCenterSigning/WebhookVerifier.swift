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

    private func checkTimestamp(_ timestamp: Int, now: Int) throws(WebhookVerificationError) {
        let age = now - timestamp
        guard abs(age) <= tolerance else { throw .timestampOutsideTolerance(ageSeconds: age) }
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
        let name = "stripe-signature"
        guard let value = header(name) else { throw .missingHeader("Stripe-Signature") }
        var timestamp: Int?
        var candidates: [[UInt8]] = []
        for part in value.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { throw .malformedHeader("Stripe-Signature") }
            switch pair[0] {
            case "t":
                guard let parsed = Int(pair[1]) else { throw .malformedHeader("Stripe-Signature") }
                timestamp = parsed
            case "v1":
                guard let bytes = ByteEncoding.bytes(hex: pair[1]) else { throw .malformedHeader("Stripe-Signature") }
                candidates.append(bytes)
            default:
                continue  // v0 and future versions are ignored, as Stripe documents
            }
        }
        guard let timestamp else { throw .malformedHeader("Stripe-Signature") }
        guard !candidates.isEmpty else { throw .noSupportedSignature }
        try checkTimestamp(timestamp, now: now)
        let message = Array("\(timestamp).".utf8) + body
        guard anyMatches(candidates, message: message, keys: secrets.map { Array($0.utf8) }) else { throw .signatureMismatch }
    }

    private func verifyStandardWebhooks(body: [UInt8], header: (String) -> String?, now: Int) throws(WebhookVerificationError) {
        guard let id = header("webhook-id"), !id.isEmpty else { throw .missingHeader("webhook-id") }
        guard let timestampText = header("webhook-timestamp") else { throw .missingHeader("webhook-timestamp") }
        guard let timestamp = Int(timestampText.trimmingCharacters(in: .whitespaces)) else { throw .malformedHeader("webhook-timestamp") }
        guard let signatures = header("webhook-signature") else { throw .missingHeader("webhook-signature") }
        var candidates: [[UInt8]] = []
        for entry in signatures.split(separator: " ") {
            let pair = entry.split(separator: ",", maxSplits: 1)
            guard pair.count == 2 else { throw .malformedHeader("webhook-signature") }
            guard pair[0] == "v1" else { continue }  // unknown versions are skipped
            guard let bytes = Data(base64Encoded: String(pair[1])) else { throw .malformedHeader("webhook-signature") }
            candidates.append([UInt8](bytes))
        }
        guard !candidates.isEmpty else { throw .noSupportedSignature }
        try checkTimestamp(timestamp, now: now)
        let keys = secrets.map(WebhookVerifier.standardWebhooksKey)
        let message = Array("\(id).\(timestamp).".utf8) + body
        guard anyMatches(candidates, message: message, keys: keys) else { throw .signatureMismatch }
    }

    private func verifyPlain(body: [UInt8], header: (String) -> String?) throws(WebhookVerificationError) {
        guard let value = header("x-signature") else { throw .missingHeader("X-Signature") }
        guard value.hasPrefix("sha256=") else { throw .noSupportedSignature }
        guard let bytes = ByteEncoding.bytes(hex: String(value.dropFirst("sha256=".count))) else {
            throw .malformedHeader("X-Signature")
        }
        guard anyMatches([bytes], message: body, keys: secrets.map { Array($0.utf8) }) else { throw .signatureMismatch }
    }

    /// The key of a Standard Webhooks secret: base64 after the `whsec_` prefix, as the specification
    /// says; a secret that is not base64 is used as its UTF-8 bytes (signer and verifier agree).
    static func standardWebhooksKey(_ secret: String) -> [UInt8] {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
        return Data(base64Encoded: encoded).map { [UInt8]($0) } ?? Array(secret.utf8)
    }
}
