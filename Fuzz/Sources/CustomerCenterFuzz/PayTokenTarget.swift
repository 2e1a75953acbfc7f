import CustomerCenterSigning

/// The pay-token decoder (`PayToken.verifySignature`/`verify`) under a fixed key, three ways:
///
/// 1. The whole input as a token: it is refused, unless it is one the key signed (seeds are), and
///    then signing what it read gives exactly the input back (one token, one spelling).
/// 2. The input's lines as a token's fields (customer, account, invoice, purpose, currency, link
///    version, expiry): what `signed(with:)` makes verifies to the same fields, and expires exactly
///    after `expiresAt`.
/// 3. That token with one character changed (position and character from the input's last line) is
///    refused as malformed or forged.
enum PayTokenTarget {
    static func fuzz(_ bytes: [UInt8]) {
        let key = FuzzSecrets.payLinkKey
        let text = FuzzFields.text(bytes)
        if let token = try? PayToken.verifySignature(text, key: key) {
            Property.check(token.signed(with: key) == text, "\(text.debugDescription) verifies but signs back as \(String(describing: token.signed(with: key)))")
        }

        let fields = FuzzFields.split(bytes, count: 8).map(FuzzFields.text)
        let token = PayToken(customerID: fields[0], accountID: fields[1], invoiceNumber: fields[2].isEmpty ? nil : fields[2],
                             purpose: fields[3].hasPrefix("t") ? .topUp : .settle, currency: fields[4],
                             linkVersion: Int(fields[5]) ?? fields[5].utf8.count, expiresAt: Int(fields[6]) ?? 1_800_000_000)
        guard let signed = token.signed(with: key) else {
            let lines = [token.customerID, token.accountID, token.invoiceNumber ?? "", token.currency]
            Property.check(lines.contains { $0.contains(where: \.isNewline) }, "a token without line breaks could not be signed")
            return
        }
        do {
            let read = try PayToken.verify(signed, key: key, now: token.expiresAt)
            Property.check(read == token, "signed \(token) reads as \(read)")
        } catch {
            // A payload that makes the token longer than the decoder's bound is refused as malformed.
            Property.check(error == .malformed && signed.utf8.count > 8_192, "a token we signed is refused: \(error)")
            return
        }
        if token.expiresAt < Int.max {
            do {
                _ = try PayToken.verify(signed, key: key, now: token.expiresAt + 1)
                Property.fail("accepted a second after its expiry")
            } catch {
                Property.check(error == .expired(at: token.expiresAt), "past expiry: \(error)")
            }
        }

        // One character replaced: never the same token, so it must be refused.
        let tamper = Array(fields[7].utf8)
        guard tamper.count >= 2 else { return }
        var characters = Array(signed)
        let position = (Int(tamper[0]) << 8 | Int(tamper[1])) % characters.count
        let replacement = Character(Unicode.Scalar(tamper.count > 2 ? tamper[2] : 0x41))
        guard characters[position] != replacement else { return }
        characters[position] = replacement
        let changed = String(characters)
        do {
            let read = try PayToken.verifySignature(changed, key: key)
            Property.fail("\(changed.debugDescription), changed from \(signed.debugDescription), verifies as \(read)")
        } catch {
            Property.check(error == .malformed || error == .forged, "a changed token: \(error)")
        }
    }
}
