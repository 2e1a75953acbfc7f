import CustomerCenterSigning
import Foundation

/// An email as the customer center sends it: plain text, optionally HTML with inline images, and a few
/// headers. `rendered()` turns it into RFC 5322/MIME bytes ready for a sendmail-compatible command.
public struct EmailMessage: Sendable {
    /// The sender.
    public var from: EmailAddress
    /// The recipients; at least one.
    public var to: [EmailAddress]
    /// Where replies go, if not to `from`.
    public var replyTo: EmailAddress?
    /// The subject, any Unicode text.
    public var subject: String
    /// When the message was written.
    public var date: Date
    /// The zone the Date header is written in.
    public var timeZone: TimeZone
    /// `<id@domain>`, fixed when the message is made so that every rendering carries the same id.
    public var messageID: String
    /// The plain-text body; always sent, HTML readers fall back to it.
    public var text: String
    /// The HTML body, if any.
    public var html: String?
    /// Images the HTML references as `cid:<contentID>`.
    public var inlineImages: [InlineImage]
    /// Further header fields, written in order after MIME-Version.
    public var extraHeaders: [MailHeader]

    /// A message. Without `messageID` one is generated from 128 random bits and the sender's domain.
    /// Nothing is validated here; `rendered()` refuses what cannot be sent.
    public init(
        from: EmailAddress, to: [EmailAddress], replyTo: EmailAddress? = nil, subject: String, date: Date,
        timeZone: TimeZone = .gmt, messageID: String? = nil, text: String, html: String? = nil,
        inlineImages: [InlineImage] = [], extraHeaders: [MailHeader] = []
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.date = date
        self.timeZone = timeZone
        self.messageID = messageID ?? Self.generatedMessageID(domain: from.domain)
        self.text = text
        self.html = html
        self.inlineImages = inlineImages
        self.extraHeaders = extraHeaders
    }

    /// `<32 hex digits@domain>`; unguessable, so ids say nothing about how many messages were sent.
    public static func generatedMessageID(domain: Substring) -> String {
        "<" + ByteEncoding.hex(SecureRandom.bytes(16)) + "@" + (domain.isEmpty ? "customer-center.invalid" : domain) + ">"
    }
}
