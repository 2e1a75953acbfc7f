/// Stripe's `Stripe-Signature` header: `t=<unix seconds>,v1=<hex>[,v1=<hex>...]`, other schemes
/// (`v0`, future versions) ignored as Stripe documents.
public struct StripeSignatureHeader: Equatable, Sendable {
    /// The signed timestamp (Unix seconds), as written; the verifier checks its distance from now.
    public let timestamp: Int
    /// The `v1` signatures, decoded; several during a secret's rotation.
    public let signatures: [[UInt8]]

    /// Longer headers are refused before they are split: a real one holds a few signatures.
    static let maximumLength = 4_096

    /// Parses the header's value.
    public init(_ value: String) throws(WebhookVerificationError) {
        guard value.utf8.count <= Self.maximumLength else { throw .malformedHeader("Stripe-Signature") }
        var timestamp: Int?
        var signatures: [[UInt8]] = []
        for part in value.split(separator: ",", omittingEmptySubsequences: false) {
            // Empty sides are kept, so "v1=" reads as "v1= " does: a v1 part with no signature, refused.
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
            guard pair.count == 2 else { throw .malformedHeader("Stripe-Signature") }
            switch pair[0] {
            case "t":
                guard timestamp == nil, let parsed = Int(pair[1]) else { throw .malformedHeader("Stripe-Signature") }
                timestamp = parsed
            case "v1":
                guard let bytes = ByteEncoding.bytes(hex: String(pair[1])), !bytes.isEmpty else {
                    throw .malformedHeader("Stripe-Signature")
                }
                signatures.append(bytes)
            default:
                continue
            }
        }
        guard let timestamp else { throw .malformedHeader("Stripe-Signature") }
        guard !signatures.isEmpty else { throw .noSupportedSignature }
        self.timestamp = timestamp
        self.signatures = signatures
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (what header values may carry around their parts).
    func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
