/// The key pay tokens are signed with (`pay_link_secret`), separate from the page-link secret.
/// Kept out of `description` so it cannot leak into logs.
public struct PayLinkKey: Sendable, CustomStringConvertible {
    let bytes: [UInt8]

    /// A key from its UTF-8 text; at least 32 bytes, like the link secret.
    public init(_ text: String) throws(LinkSecret.Error) {
        let bytes = Array(text.utf8)
        guard bytes.count >= LinkSecret.minimumByteCount else { throw .tooShort(byteCount: bytes.count) }
        self.bytes = bytes
    }

    public var description: String { "PayLinkKey(redacted)" }

    /// A value that changes when the key changes and reveals nothing about it (HMAC of a fixed
    /// label): the build cache notices a rotated key without storing it.
    public var fingerprint: [UInt8] { HMACSHA256.authenticate(Array("customer-center/build-cache".utf8), key: bytes) }
}
