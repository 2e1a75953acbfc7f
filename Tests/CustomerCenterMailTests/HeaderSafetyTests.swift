import CustomerCenterTestSupport
import CustomerCenterMail
import Foundation
import Testing

/// Customer data ends up in headers; none of it may add a header or break the message.
@Suite struct HeaderSafetyTests {
    static let from = EmailAddress("rechnung@stadtwerke.example", displayName: "Stadtwerke")
    static let to = EmailAddress("erika@example.org", displayName: "Erika")

    static func message(_ change: (inout EmailMessage) -> Void) -> EmailMessage {
        var message = EmailMessage(from: from, to: [to], subject: "Rechnung", date: Date(timeIntervalSince1970: 0),
                                   text: "Hallo", html: "<p>Hallo</p>")
        change(&message)
        return message
    }

    @Test func lineBreaksAreRefusedNamingTheField() {
        let cases: [(String, (inout EmailMessage) -> Void)] = [
            ("Subject", { $0.subject = "Rechnung\r\nBcc: victim@example.org" }),
            ("Subject", { $0.subject = "Rechnung\nBcc: victim@example.org" }),
            ("Subject", { $0.subject = "Rechnung\r" }),
            ("From", { $0.from.displayName = "Stadtwerke\r\nBcc: victim@example.org" }),
            ("To", { $0.to[0].displayName = "Erika\n" }),
            ("To", { $0.to.append(EmailAddress("a@example.org\r\nBcc: victim@example.org")) }),
            ("Reply-To", { $0.replyTo = EmailAddress("hilfe@example.org", displayName: "Hilfe\r\n") }),
            ("Message-ID", { $0.messageID = "<a@b>\r\nBcc: victim@example.org" }),
            ("X-Customer-Center-Kind", { $0.extraHeaders = [MailHeader("X-Customer-Center-Kind", "a\r\nBcc: victim@example.org")] }),
            ("Content-ID", { $0.inlineImages = [InlineImage(contentID: "a\r\nb", filename: "a.png", bytes: [1])] }),
            ("Content-Disposition filename", { $0.inlineImages = [InlineImage(contentID: "a@b", filename: "a\n.png", bytes: [1])] }),
        ]
        for (field, change) in cases {
            let error = #expect(throws: MailError.self) { try Self.message(change).rendered() }
            #expect(error == .lineBreakInHeader(field: field))
            #expect(error?.description == "header \(field) contains a line break (CR or LF); refused to prevent header injection")
        }
    }

    @Test(arguments: ["no-at-sign", "a@@example.org", "a@b@example.org", "erika mustermann@example.org", "<erika@example.org>",
                      "erika@example.org>", "@example.org", "erika@", "erika@exa_mple.org", "erika@example..org",
                      "erika,other@example.org", "jürgen@example.org", "erika\t@example.org"])
    func malformedAddressesAreRefused(_ address: String) {
        let error = #expect(throws: MailError.self) { try Self.message { $0.to = [EmailAddress(address)] }.rendered() }
        guard case .invalidAddress(let field, let given, _) = error else {
            Issue.record("expected invalidAddress, got \(String(describing: error))")
            return
        }
        #expect(field == "To" && given == address)
        #expect(error?.description.hasPrefix("header To: invalid address \"\(address)\": ") == true)
    }

    @Test func otherMistakesAreRefusedWithAReason() throws {
        #expect(throws: MailError.noRecipients) { try Self.message { $0.to = [] }.rendered() }
        #expect(throws: MailError.inlineImagesWithoutHTML) {
            try Self.message { $0.html = nil; $0.inlineImages = [InlineImage(contentID: "a@b", filename: "a.png", bytes: [1])] }.rendered()
        }
        let reserved = #expect(throws: MailError.self) { try Self.message { $0.extraHeaders = [MailHeader("bcc", "x@example.org")] }.rendered() }
        #expect(reserved?.description == "header bcc: set by the message itself, not as an extra header")
        #expect(throws: MailError.self) { try Self.message { $0.extraHeaders = [MailHeader("Bad Name", "x")] }.rendered() }
        #expect(throws: MailError.self) { try Self.message { $0.messageID = "no-brackets@example.org" }.rendered() }
        let duplicate = #expect(throws: MailError.self) {
            try Self.message { $0.inlineImages = [InlineImage(contentID: "a@b", filename: "a.png", bytes: [1]),
                                                  InlineImage(contentID: "a@b", filename: "b.png", bytes: [2])] }.rendered()
        }
        #expect(duplicate == .invalidHeader(field: "Content-ID", reason: "\"a@b\" is used by two inline images"))
        #expect(throws: MailError.self) {
            try Self.message { $0.inlineImages = [InlineImage(contentID: "a@b", filename: "a.png", mimeType: "png", bytes: [1])] }.rendered()
        }
    }

    @Test func unusualButValidInputStaysInItsHeader() throws {
        // Text that looks like a header, or an encoded-word, stays the subject's text.
        let subject = "Bcc: victim@example.org =?UTF-8?B?SGk=?= \u{2028} \u{85}"
        let parsed = try ParsedMessage.parse(Self.message { $0.subject = subject }.rendered())
        #expect(parsed.subject == subject)
        #expect(parsed.headers["bcc"] == nil)
    }
}
