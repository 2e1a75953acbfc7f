/// The plain HMAC scheme's `X-Signature: sha256=<hex>` header (GitHub's form).
public struct PlainSignatureHeader: Equatable, Sendable {
    /// The decoded signature.
    public let signature: [UInt8]

    /// Longer values are refused before they are decoded: a real one is 71 bytes.
    static let maximumLength = 1_024

    /// Parses the header's value.
    public init(_ value: String) throws(WebhookVerificationError) {
        guard value.utf8.count <= Self.maximumLength else { throw .malformedHeader("X-Signature") }
        guard value.hasPrefix("sha256=") else { throw .noSupportedSignature }
        guard let bytes = ByteEncoding.bytes(hex: String(value.dropFirst("sha256=".count))) else {
            throw .malformedHeader("X-Signature")
        }
        signature = bytes
    }
}
