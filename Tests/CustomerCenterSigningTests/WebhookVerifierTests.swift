import CustomerCenterSigning
import CustomerCenterTestSupport
import Foundation
import Testing

@Suite struct WebhookVerifierTests {
    struct StripeVector: Decodable { let secret: String; let timestamp: Int; let body: String; let header: String }
    struct StandardVector: Decodable {
        let secret: String; let webhook_id: String; let webhook_timestamp: Int; let body: String; let webhook_signature: String
    }
    struct Vectors: Decodable {
        let stripe_signature: [StripeVector]
        let standard_webhooks: [StandardVector]
    }

    static let vectors: Vectors = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: TestPaths.shared + "/vectors/vectors.json"))
        return try! JSONDecoder().decode(Vectors.self, from: data)
    }()

    func headers(_ pairs: [String: String]) -> (String) -> String? {
        let lowered = Dictionary(uniqueKeysWithValues: pairs.map { ($0.key.lowercased(), $0.value) })
        return { lowered[$0] }
    }

    @Test func stripeVectorsVerifyAndTheSignerReproducesThem() throws {
        #expect(!Self.vectors.stripe_signature.isEmpty)
        for vector in Self.vectors.stripe_signature {
            let verifier = WebhookVerifier(scheme: .stripe, secrets: ["whsec_other", vector.secret])
            try verifier.verify(body: Array(vector.body.utf8), header: headers(["Stripe-Signature": vector.header]), now: vector.timestamp + 10)
            let signed = WebhookSigner(scheme: .stripe, secret: vector.secret).headers(body: Array(vector.body.utf8), timestamp: vector.timestamp, id: "")
            #expect(signed.first?.value == vector.header)
        }
    }

    @Test func standardWebhooksVectorsVerifyAndTheSignerReproducesThem() throws {
        #expect(!Self.vectors.standard_webhooks.isEmpty)
        for vector in Self.vectors.standard_webhooks {
            let verifier = WebhookVerifier(scheme: .standardWebhooks, secrets: [vector.secret])
            let pairs = ["webhook-id": vector.webhook_id, "webhook-timestamp": String(vector.webhook_timestamp),
                         "webhook-signature": "v2,ignored " + vector.webhook_signature]
            try verifier.verify(body: Array(vector.body.utf8), header: headers(pairs), now: vector.webhook_timestamp)
            let signed = WebhookSigner(scheme: .standardWebhooks, secret: vector.secret)
                .headers(body: Array(vector.body.utf8), timestamp: vector.webhook_timestamp, id: vector.webhook_id)
            #expect(signed.last?.value == vector.webhook_signature)
        }
    }

    @Test func plainHMACHeaderMatchesGitHubsVector() throws {
        // vectors.json: HMAC-SHA256("It's a Secret to Everybody", "Hello, World!"), GitHub's sha256= form.
        let verifier = WebhookVerifier(scheme: .hmacSHA256, secrets: ["It's a Secret to Everybody"])
        try verifier.verify(body: Array("Hello, World!".utf8),
                            header: headers(["X-Signature": "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"]), now: 0)
    }

    @Test func refusesEveryKindOfBadSignature() throws {
        let vector = try #require(Self.vectors.stripe_signature.first)
        let body = Array(vector.body.utf8)
        let verifier = WebhookVerifier(scheme: .stripe, secrets: [vector.secret], tolerance: 300)
        func check(_ header: String?, body: [UInt8] = body, now: Int = vector.timestamp) -> WebhookVerificationError? {
            do {
                try verifier.verify(body: body, header: headers(header.map { ["Stripe-Signature": $0] } ?? [:]), now: now)
                return nil
            } catch { return error }
        }
        #expect(check(nil) == .missingHeader("Stripe-Signature"))
        #expect(check("garbage") == .malformedHeader("Stripe-Signature"))
        #expect(check("t=1700000000,v0=abcd") == .noSupportedSignature)
        #expect(check(vector.header.replacingOccurrences(of: "v1=2", with: "v1=3")) == .signatureMismatch)
        var changed = body
        changed[changed.count - 2] ^= 1
        #expect(check(vector.header, body: changed) == .signatureMismatch)
        #expect(check(vector.header, now: vector.timestamp + 301) == .timestampOutsideTolerance(ageSeconds: 301))
        #expect(check(vector.header, now: vector.timestamp - 301) == .timestampOutsideTolerance(ageSeconds: -301))
        #expect(check(vector.header, now: vector.timestamp + 300) == nil)
        // Another provider's secret does not verify.
        let other = WebhookVerifier(scheme: .stripe, secrets: ["whsec_another_provider"])
        #expect(throws: WebhookVerificationError.signatureMismatch) {
            try other.verify(body: body, header: headers(["Stripe-Signature": vector.header]), now: vector.timestamp)
        }
        #expect(throws: WebhookVerificationError.noSecretConfigured) {
            try WebhookVerifier(scheme: .stripe, secrets: []).verify(body: body, header: headers([:]), now: 0)
        }
    }

    /// Found by fuzzing (stripe-signature-header): `v1 = ` (blank after trimming) read as an empty
    /// signature, while `v1=` was malformed. Both are malformed now.
    @Test func aV1PartWithoutASignatureIsMalformed() throws {
        // The fuzzer's input, as the HTTP stack hands it over (bytes that are not UTF-8 replaced).
        let found = try #require(Data(base64Encoded: "dD0xNzAwMDAwMCwgdjE9MDAwMCwgdjE9MjQ0M2EyOGIwMDAwMDAsIHY9//8JCQkJCQkJAAAAAAAAAIAJCQkECQkgICAgICAgICAgICAgICMgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIDE9MjQ4YTM3NDVmMCwgIHYxID0g"))
        for header in [String(decoding: found, as: UTF8.self), "t=1700000000,v1= ", "t=1700000000,v1=", "t=1700000000, v1 = ,v1=ab"] {
            #expect(throws: WebhookVerificationError.malformedHeader("Stripe-Signature")) { try StripeSignatureHeader(header) }
        }
        // An empty key is an unknown scheme, skipped like v0, whether or not blanks surround it.
        #expect(try StripeSignatureHeader("t=1,=ab,v1=ab").signatures == [[0xAB]])
        #expect(try StripeSignatureHeader("t=1, =ab,v1=ab").signatures == [[0xAB]])
    }
}
