import CustomerCenterSigning
import CustomerCenterTestSupport
import Foundation
import Testing

@Suite struct HMACTests {
    struct Vector: Decodable { let key: String; let message: String; let hex: String }
    struct Vectors: Decodable { let hmac_sha256: [Vector] }

    @Test func matchesTheSharedKnownAnswerVectors() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestPaths.shared + "/vectors/vectors.json"))
        let vectors = try JSONDecoder().decode(Vectors.self, from: data).hmac_sha256
        #expect(!vectors.isEmpty)
        for vector in vectors {
            #expect(ByteEncoding.hex(HMACSHA256.authenticate(vector.message, key: vector.key)) == vector.hex)
            let tag = try #require(ByteEncoding.bytes(hex: vector.hex))
            #expect(HMACSHA256.isValid(tag, for: Array(vector.message.utf8), key: Array(vector.key.utf8)))
        }
    }

    @Test func rejectsAnyChangedByte() {
        let tag = HMACSHA256.authenticate("amount=5000", key: "k")
        var forged = tag
        forged[31] ^= 1
        #expect(!HMACSHA256.isValid(forged, for: Array("amount=5000".utf8), key: Array("k".utf8)))
        #expect(!HMACSHA256.isValid(tag, for: Array("amount=5001".utf8), key: Array("k".utf8)))
        #expect(!HMACSHA256.isValid(tag.prefix(16), for: Array("amount=5000".utf8), key: Array("k".utf8)))
    }

    @Test func sha256MatchesTheStandard() {
        #expect(ByteEncoding.hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func constantTimeComparison() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(ConstantTime.equals([], []))
    }

    @Test func base64URLHasNoPaddingAndNoUnsafeCharacters() {
        #expect(ByteEncoding.base64URL([0xFB, 0xFF]) == "-_8")
        #expect(ByteEncoding.base64URL(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(ByteEncoding.base64URL(Array("fo".utf8)) == "Zm8")
    }
}

@Suite struct PageTokenTests {
    let secret = try! LinkSecret("test-secret-0123456789abcdef0123456789")

    @Test func isStableAndHasAKnownValue() {
        let token = PageToken(customerID: "1001", linkVersion: 1, secret: secret)
        #expect(token == PageToken(customerID: "1001", linkVersion: 1, secret: secret))
        // Known answer, computed independently with Python's hmac module:
        // base64url(HMAC-SHA256(secret, "customer-center/page/v1\0" + "1001" + "\0" + "1")[:18])
        #expect(token.value == "IGPQfP3b4Zl7LYO_mUxbDlh_")
    }

    @Test func has144BitsInURLSafeCharacters() {
        let token = PageToken(customerID: "1001", linkVersion: 1, secret: secret).value
        #expect(token.count == 24)
        #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
    }

    @Test func dependsOnSecretIdAndVersion() throws {
        let base = PageToken(customerID: "1001", linkVersion: 1, secret: secret)
        let otherSecret = try LinkSecret("another-secret-0123456789abcdef012345")
        #expect(base != PageToken(customerID: "1001", linkVersion: 1, secret: otherSecret))
        #expect(base != PageToken(customerID: "1002", linkVersion: 1, secret: secret))
        // Rotation: a new version gives an unrelated token, so the old URL dies.
        #expect(base != PageToken(customerID: "1001", linkVersion: 2, secret: secret))
        // The separator keeps ("10", "01") apart from ("100", "1").
        #expect(PageToken(customerID: "10", linkVersion: 11, secret: secret) != PageToken(customerID: "101", linkVersion: 1, secret: secret))
    }

    @Test func refusesShortSecretsWithoutEchoingThem() {
        #expect(throws: LinkSecret.Error.tooShort(byteCount: 5)) { try LinkSecret("short") }
        #expect("\(secret)" == "LinkSecret(redacted)")
    }
}
