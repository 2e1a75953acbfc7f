import Foundation

/// Signs a callback body exactly as a provider of each scheme would: for the sandbox provider, for
/// `send-test-callback`, and for tests.
public struct WebhookSigner: Sendable {
    /// The scheme to sign with.
    public let scheme: WebhookScheme
    /// The secret to sign with.
    public let secret: String

    /// A signer for `scheme` with `secret`.
    public init(scheme: WebhookScheme, secret: String) {
        self.scheme = scheme
        self.secret = secret
    }

    /// The headers that carry the signature of `body`, signed at `timestamp` as message `id`.
    public func headers(body: [UInt8], timestamp: Int, id: String) -> [(name: String, value: String)] {
        switch scheme {
        case .stripe:
            let tag = HMACSHA256.authenticate(Array("\(timestamp).".utf8) + body, key: Array(secret.utf8))
            return [("Stripe-Signature", "t=\(timestamp),v1=\(ByteEncoding.hex(tag))")]
        case .standardWebhooks:
            let key = WebhookVerifier.standardWebhooksKey(secret)
            let tag = HMACSHA256.authenticate(Array("\(id).\(timestamp).".utf8) + body, key: key)
            return [("webhook-id", id), ("webhook-timestamp", String(timestamp)),
                    ("webhook-signature", "v1," + Data(tag).base64EncodedString())]
        case .hmacSHA256:
            let tag = HMACSHA256.authenticate(body, key: Array(secret.utf8))
            return [("X-Signature", "sha256=" + ByteEncoding.hex(tag))]
        }
    }
}
