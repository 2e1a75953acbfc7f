import CustomerCenterSigning
import Testing

@Suite struct PayTokenTests {
    let key = try! PayLinkKey("pay-link-test-key-0123456789abcdefghij")
    let token = PayToken(customerID: "1001", accountID: "1001-STROM", invoiceNumber: "RE-2026-0915", purpose: .settle,
                         currency: "EUR", linkVersion: 2, expiresAt: 1_797_600_000)

    @Test func roundTripsAndExpiresOnTime() throws {
        let text = try #require(token.signed(with: key))
        #expect(try PayToken.verify(text, key: key, now: 1_797_600_000) == token)
        #expect(throws: PayToken.Problem.expired(at: 1_797_600_000)) { try PayToken.verify(text, key: key, now: 1_797_600_001) }
        #expect(text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }, "safe in a URL as is")
    }

    @Test func anyChangedFieldIsAForgery() throws {
        let changes: [(inout PayToken) -> Void] = [
            { $0.customerID = "1002" }, { $0.accountID = "1001-GAS" }, { $0.invoiceNumber = nil }, { $0.invoiceNumber = "RE-X" },
            { $0.purpose = .topUp }, { $0.currency = "USD" }, { $0.linkVersion = 3 }, { $0.expiresAt += 86_400 },
        ]
        let original = try #require(token.signed(with: key))
        let signature = original.split(separator: ".")[1]
        for change in changes {
            var forged = token
            change(&forged)
            // The changed payload under the original signature: what an attacker can produce without the key.
            let payloadOnly = try #require(forged.signed(with: key)).split(separator: ".")[0]
            #expect(throws: PayToken.Problem.forged) { try PayToken.verify("\(payloadOnly).\(signature)", key: key, now: 0) }
        }
    }

    @Test func wrongKeysTruncationsAndGarbageAreRefused() throws {
        let text = try #require(token.signed(with: key))
        let other = try PayLinkKey("another-pay-link-key-0123456789abcdefgh")
        #expect(throws: PayToken.Problem.forged) { try PayToken.verify(text, key: other, now: 0) }
        for broken in [String(text.dropLast()), String(text.dropLast(5)), String(text.prefix(20)), "", ".", "abc", text + "=",
                       text.replacingOccurrences(of: ".", with: ""), text + ".x"] {
            #expect(throws: PayToken.Problem.self) { try PayToken.verify(broken, key: key, now: 0) }
        }
    }

    @Test func aTokenCannotCarryALineBreak() {
        var bad = token
        bad.invoiceNumber = "RE-1\n1002"
        #expect(bad.signed(with: key) == nil)
    }

    @Test func refusesAShortKey() {
        #expect(throws: LinkSecret.Error.tooShort(byteCount: 5)) { try PayLinkKey("short") }
    }
}
