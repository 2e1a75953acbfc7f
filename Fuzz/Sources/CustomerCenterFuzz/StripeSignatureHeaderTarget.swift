import CustomerCenterSigning

/// `Stripe-Signature` values. A parsed header written back in its canonical form parses to the same
/// value; the timestamp is the `t` part's integer and every `v1` part gives one 32-or-any-byte signature.
enum StripeSignatureHeaderTarget {
    static func fuzz(_ bytes: [UInt8]) {
        let text = FuzzFields.text(bytes)
        let header: StripeSignatureHeader
        do { header = try StripeSignatureHeader(text) } catch {
            switch error {
            case .malformedHeader("Stripe-Signature"), .noSupportedSignature: return
            default: Property.fail("unexpected error \(error) for \(text.debugDescription)")
            }
        }
        Property.check(!header.signatures.isEmpty, "a parsed header without signatures")
        let v1Parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .filter { $0.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first?.withoutBlanks == "v1" }
        Property.check(v1Parts.count == header.signatures.count, "\(v1Parts.count) v1 parts gave \(header.signatures.count) signatures")
        let canonical = "t=\(header.timestamp)," + header.signatures.map { "v1=" + ByteEncoding.hex($0) }.joined(separator: ",")
        do {
            let again = try StripeSignatureHeader(canonical)
            Property.check(again == header, "\(canonical) reads as \(again), not \(header)")
        } catch {
            Property.fail("the canonical form \(canonical) of \(text.debugDescription) is refused: \(error)")
        }
    }
}
