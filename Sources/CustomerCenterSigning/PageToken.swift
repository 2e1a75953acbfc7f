/// The secret path segment of a customer's personal page: `site/c/<token>/index.html`.
///
/// token = base64url(first 18 bytes of HMAC-SHA256(link secret, "customer-center/page/v1" 0x00 id 0x00 version))
///
/// 144 bits: unguessable, and exactly 24 URL-safe characters. Without the secret the token cannot be
/// computed from the customer id; bumping the link version gives an unrelated token, so the old URL dies.
/// The domain-separation prefix keeps page tokens apart from any other use of the same key.
public struct PageToken: Hashable, Sendable, CustomStringConvertible {
    /// Bytes of the HMAC kept in the token.
    public static let byteCount = 18

    /// The token text (24 characters of `A-Z a-z 0-9 - _`).
    public let value: String

    /// Derives the token of customer `customerID` at `linkVersion` under `secret`.
    public init(customerID: String, linkVersion: Int, secret: LinkSecret) {
        var message = Array("customer-center/page/v1".utf8)
        message.append(0)
        message.append(contentsOf: customerID.utf8)
        message.append(0)
        message.append(contentsOf: String(linkVersion).utf8)
        let tag = HMACSHA256.authenticate(message, key: secret.bytes)
        self.value = ByteEncoding.base64URL(tag.prefix(PageToken.byteCount))
    }

    public var description: String { value }
}
