/// The plain HMAC scheme's `X-Signature: sha256=<hex>` header (GitHub's form).
public struct PlainSignatureHeader: Equatable, Sendable {
    /// The decoded signature.
    public let signature: [UInt8]

    /// Parses the header's value.
    public init(_ value: String) throws(WebhookVerificationError) {
        guard value.hasPrefix("sha256=") else { throw .noSupportedSignature }
        guard let bytes = ByteEncoding.bytes(hex: String(value.dropFirst("sha256=".count))) else {
            throw .malformedHeader("X-Signature")
        }
        signature = bytes
    }
}
