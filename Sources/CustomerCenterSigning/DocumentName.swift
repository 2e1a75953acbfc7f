/// The file name of an invoice document copied beneath a customer's secret folder:
///
///     name = base64url( first 16 bytes of HMAC-SHA256( link secret,
///            "customer-center/document/v1" 0x00 <customer id> 0x00 <link_version> 0x00 <invoice number> ) ) + ".pdf"
///
/// Not derivable from the invoice number without the secret, so even someone who learnt a page's
/// folder cannot guess another document there; stable across builds, and new with a rotated link.
public enum DocumentName {
    /// Bytes of the HMAC kept in the name (128 bits, 22 characters).
    public static let byteCount = 16

    /// The name (`<22 characters>.pdf`) of `invoiceNumber`'s document for customer `customerID` at `linkVersion`.
    public static func pdf(customerID: String, linkVersion: Int, invoiceNumber: String, secret: LinkSecret) -> String {
        var message = Array("customer-center/document/v1".utf8)
        for field in [customerID, String(linkVersion), invoiceNumber] {
            message.append(0)
            message.append(contentsOf: field.utf8)
        }
        return ByteEncoding.base64URL(HMACSHA256.authenticate(message, key: secret.bytes).prefix(byteCount)) + ".pdf"
    }
}
