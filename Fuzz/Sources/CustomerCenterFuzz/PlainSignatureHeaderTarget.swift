import CustomerCenterSigning

/// `X-Signature: sha256=<hex>` values: a parsed signature is the hex after the prefix, and writing it
/// back in lower case parses to the same bytes.
enum PlainSignatureHeaderTarget {
    static func fuzz(_ bytes: [UInt8]) {
        let text = FuzzFields.text(bytes)
        let header: PlainSignatureHeader
        do { header = try PlainSignatureHeader(text) } catch {
            switch error {
            case .noSupportedSignature: Property.check(!text.hasPrefix("sha256="), "sha256= refused as unsupported")
            // Values over 1 KiB (PlainSignatureHeader.maximumLength) are malformed before the prefix is looked at.
            case .malformedHeader("X-Signature"):
                Property.check(text.hasPrefix("sha256=") || text.utf8.count > 1_024, "malformed without the prefix")
            default: Property.fail("unexpected error \(error)")
            }
            return
        }
        Property.check(text.utf8.count == 7 + 2 * header.signature.count, "\(header.signature.count) bytes from \(text.utf8.count) characters")
        let canonical = "sha256=" + ByteEncoding.hex(header.signature)
        Property.check(canonical == text.lowercased(), "\(text.debugDescription) reads as \(canonical)")
        Property.check((try? PlainSignatureHeader(canonical)) == header, "the canonical form \(canonical) reads differently")
    }
}
