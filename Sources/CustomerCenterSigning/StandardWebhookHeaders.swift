import Foundation

/// The three headers of the Standard Webhooks scheme: `webhook-id`, `webhook-timestamp` (Unix
/// seconds) and `webhook-signature` (space-separated `v1,<base64>` entries; other versions skipped).
public struct StandardWebhookHeaders: Equatable, Sendable {
    /// The message id, signed with the body.
    public let id: String
    /// The signed timestamp (Unix seconds), as written; the verifier checks its distance from now.
    public let timestamp: Int
    /// The `v1` signatures, decoded.
    public let signatures: [[UInt8]]

    /// Longer header values are refused: real ones are a few hundred bytes.
    static let maximumLength = 4_096

    /// Parses the headers' values; nil stands for a missing header.
    public init(id: String?, timestamp: String?, signature: String?) throws(WebhookVerificationError) {
        guard let id, !id.isEmpty else { throw .missingHeader("webhook-id") }
        guard id.utf8.count <= 255 else { throw .malformedHeader("webhook-id") }
        guard let timestamp else { throw .missingHeader("webhook-timestamp") }
        guard let seconds = Int(Substring(timestamp).trimmingSpaces()) else { throw .malformedHeader("webhook-timestamp") }
        guard let signature else { throw .missingHeader("webhook-signature") }
        guard signature.utf8.count <= Self.maximumLength else { throw .malformedHeader("webhook-signature") }
        var signatures: [[UInt8]] = []
        for entry in signature.split(separator: " ") {
            let pair = entry.split(separator: ",", maxSplits: 1)
            guard pair.count == 2 else { throw .malformedHeader("webhook-signature") }
            guard pair[0] == "v1" else { continue }
            guard let bytes = Data(base64Encoded: String(pair[1])) else {
                throw .malformedHeader("webhook-signature")
            }
            signatures.append([UInt8](bytes))
        }
        guard !signatures.isEmpty else { throw .noSupportedSignature }
        self.id = id
        self.timestamp = seconds
        self.signatures = signatures
    }
}
