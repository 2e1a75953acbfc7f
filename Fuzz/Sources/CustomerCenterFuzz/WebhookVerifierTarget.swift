import CustomerCenterSigning
import Foundation

/// The verifier as a whole: random headers and body against the fixed secrets of each scheme.
///
/// Input: line 1 picks the scheme (first byte mod 3), the secrets (bit 2: with the rotated secret as
/// well, bit 3: none) and which headers are missing (bits 4-6); lines 2-4 are header values
/// (Stripe-Signature or X-Signature, or webhook-id, webhook-timestamp, webhook-signature); the rest is the body.
///
/// Checked: an accepted callback has a signature that an independent HMAC over the signed message
/// matches, for one of the secrets, and a timestamp within the tolerance (computed in 128 bits); with
/// two secrets, a callback is accepted exactly when one of them alone accepts it (rotation).
enum WebhookVerifierTarget {
    static func fuzz(_ bytes: [UInt8]) {
        let fields = FuzzFields.split(bytes, count: 5)
        let control = fields[0].first ?? 0
        let scheme = WebhookScheme.allCases[Int(control) % 3]
        let (primary, now) = switch scheme {
        case .stripe: (FuzzSecrets.stripe, FuzzSecrets.stripeTime)
        case .standardWebhooks: (FuzzSecrets.standardWebhooks, FuzzSecrets.standardWebhooksTime)
        case .hmacSHA256: (FuzzSecrets.plain, 0)
        }
        var secrets = control & 0x04 != 0 ? [FuzzSecrets.rotated, primary] : [primary]
        if control & 0x08 != 0 { secrets = [] }
        let present = control >> 4
        let values = (1...3).map { present & (1 << ($0 - 1)) == 0 ? FuzzFields.text(fields[$0]) : nil }
        let names = scheme == .standardWebhooks ? ["webhook-id", "webhook-timestamp", "webhook-signature"]
            : [scheme == .stripe ? "stripe-signature" : "x-signature"]
        let header: (String) -> String? = { name in names.firstIndex(of: name).flatMap { values[$0] } }
        let body = fields[4]

        let verdict = verify(scheme: scheme, secrets: secrets, body: body, header: header, now: now)
        guard !secrets.isEmpty else {
            Property.check(verdict == .noSecretConfigured, "no secret, yet \(String(describing: verdict))")
            return
        }
        if secrets.count == 2 {
            let alone = secrets.map { verify(scheme: scheme, secrets: [$0], body: body, header: header, now: now) }
            Property.check((verdict == nil) == alone.contains(nil), "with both secrets \(String(describing: verdict)), alone \(alone)")
        }
        guard verdict == nil else { return }
        Property.check(independentlyValid(scheme: scheme, secrets: secrets, body: body, header: header, now: now),
                       "accepted, but no secret's HMAC matches within the tolerance")
    }

    static func verify(scheme: WebhookScheme, secrets: [String], body: [UInt8], header: (String) -> String?, now: Int) -> WebhookVerificationError? {
        do {
            try WebhookVerifier(scheme: scheme, secrets: secrets, tolerance: FuzzSecrets.tolerance).verify(body: body, header: header, now: now)
            return nil
        } catch {
            return error
        }
    }

    /// The oracle: the signed message rebuilt from the parsed headers, each secret's HMAC over it.
    static func independentlyValid(scheme: WebhookScheme, secrets: [String], body: [UInt8], header: (String) -> String?, now: Int) -> Bool {
        let candidates: [[UInt8]]
        let keys: [[UInt8]]
        let message: [UInt8]
        var timestamp: Int?
        switch scheme {
        case .stripe:
            guard let value = header("stripe-signature"), let parsed = try? StripeSignatureHeader(value) else { return false }
            candidates = parsed.signatures
            keys = secrets.map { Array($0.utf8) }
            message = Array("\(parsed.timestamp).".utf8) + body
            timestamp = parsed.timestamp
        case .standardWebhooks:
            guard let parsed = try? StandardWebhookHeaders(id: header("webhook-id"), timestamp: header("webhook-timestamp"),
                                                           signature: header("webhook-signature")) else { return false }
            candidates = parsed.signatures
            // Base64 after `whsec_` as the specification says; the fixed secrets all are.
            keys = secrets.map { secret in Data(base64Encoded: String(secret.dropFirst(6))).map { [UInt8]($0) } ?? [] }
            message = Array("\(parsed.id).\(parsed.timestamp).".utf8) + body
            timestamp = parsed.timestamp
        case .hmacSHA256:
            guard let value = header("x-signature"), let parsed = try? PlainSignatureHeader(value) else { return false }
            candidates = [parsed.signature]
            keys = secrets.map { Array($0.utf8) }
            message = body
        }
        if let timestamp {
            let age = Int128(now) - Int128(timestamp)
            guard age >= -Int128(FuzzSecrets.tolerance), age <= Int128(FuzzSecrets.tolerance) else { return false }
        }
        return keys.contains { key in candidates.contains(HMACSHA256.authenticate(message, key: key)) }
    }
}
