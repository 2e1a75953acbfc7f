import CustomerCenterSigning
import Testing

/// Selection tokens (version 2) sign which invoices may be ticked; version 1 tokens read as before.
@Suite struct PayTokenSelectionTests {
    let key = try! PayLinkKey("pay-link-test-key-0123456789abcdefghij")
    let selection = PayToken(customerID: "1001", accountID: "1001-STROM", invoiceNumber: nil, purpose: .settle, currency: "EUR",
                             linkVersion: 1, expiresAt: 1_797_600_000, selectableInvoices: ["RE-2026-0915", "RE-2026-1015", "RE 7 ü"])

    @Test func roundTripsWithItsList() throws {
        let text = try #require(selection.signed(with: key))
        #expect(try PayToken.verify(text, key: key, now: 0) == selection)
        #expect(try PayToken.verify(text, key: key, now: 0).selectableInvoices == ["RE-2026-0915", "RE-2026-1015", "RE 7 ü"])
    }

    @Test func changingTheListIsAForgery() throws {
        let signature = try #require(selection.signed(with: key)).split(separator: ".")[1]
        for list in [["RE-2026-0915"], ["RE-2026-0915", "RE-2026-1015", "RE 7 ü", "RE-2026-1115"], ["RE-2026-1015", "RE-2026-0915", "RE 7 ü"], []] {
            var forged = selection
            forged.selectableInvoices = list
            let payload = try #require(forged.signed(with: key)).split(separator: ".")[0]
            #expect(throws: PayToken.Problem.forged) { try PayToken.verify("\(payload).\(signature)", key: key, now: 0) }
        }
    }

    @Test func aVersionOneTokenHasNoList() throws {
        var plain = selection
        plain.selectableInvoices = []
        let text = try #require(plain.signed(with: key))
        let token = try PayToken.verify(text, key: key, now: 0)
        #expect(token.selectableInvoices.isEmpty)
        #expect(token == plain)
    }

    @Test func listsThatCannotBeSignedAreRefused() {
        var bad = selection
        bad.selectableInvoices = ["RE-1", "RE-2\nRE-3"]
        #expect(bad.signed(with: key) == nil)
        bad.selectableInvoices = ["RE-1", ""]
        #expect(bad.signed(with: key) == nil)
        bad.selectableInvoices = (0...PayToken.maximumSelectableInvoices).map { "RE-\($0)" }
        #expect(bad.signed(with: key) == nil)
        bad.selectableInvoices = (1...PayToken.maximumSelectableInvoices).map { "RE-2026-\(String(repeating: "9", count: 100))-\($0)" }
        let longest = bad.signed(with: key)
        #expect(longest != nil, "50 long numbers fit")
        #expect(longest.map { (try? PayToken.verify($0, key: key, now: 0)) == bad } == true)
    }
}

/// Invoice documents' names: an HMAC under the link secret, stable, and nothing a reader can derive.
@Suite struct DocumentNameTests {
    let secret = try! LinkSecret("document-test-secret-0123456789abcdefghij")

    @Test func stableUnguessableAndNewWithARotatedLink() throws {
        let name = DocumentName.pdf(customerID: "1001", linkVersion: 1, invoiceNumber: "RE-2026-0915", secret: secret)
        #expect(name == DocumentName.pdf(customerID: "1001", linkVersion: 1, invoiceNumber: "RE-2026-0915", secret: secret))
        #expect(name.count == 22 + 4 && name.hasSuffix(".pdf"))
        #expect(!name.contains("RE-2026"), "the invoice number is not in the name")
        #expect(name.dropLast(4).allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        let others = [
            DocumentName.pdf(customerID: "1001", linkVersion: 2, invoiceNumber: "RE-2026-0915", secret: secret),
            DocumentName.pdf(customerID: "1002", linkVersion: 1, invoiceNumber: "RE-2026-0915", secret: secret),
            DocumentName.pdf(customerID: "1001", linkVersion: 1, invoiceNumber: "RE-2026-1015", secret: secret),
            DocumentName.pdf(customerID: "1001", linkVersion: 1, invoiceNumber: "RE-2026-0915",
                             secret: try LinkSecret("another-document-secret-0123456789abcdefgh")),
        ]
        #expect(Set(others + [name]).count == 5)
    }

    @Test func knownAnswer() throws {
        // HMAC-SHA256(key, "customer-center/document/v1\01001\01\0RE-2026-0915"), first 16 bytes, base64url:
        // computed with Python's hmac module (python3 -c "import hmac,hashlib,base64; ...").
        let name = DocumentName.pdf(customerID: "1001", linkVersion: 1, invoiceNumber: "RE-2026-0915", secret: secret)
        #expect(name == DocumentNameTests.expected)
    }

    static let expected = "pZLcn8zWWuy_1co1enLcVw.pdf"
}
