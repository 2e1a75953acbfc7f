/// An email's content, rendered from the merchant's templates in the customer's language: the
/// subject, the plain-text and HTML bodies, and the GiroCode as a PNG the HTML shows inline
/// (`cid:` + `imageContentID`). Turning it into an RFC 5322 message is the mail module's job.
public struct RenderedEmail: Sendable {
    /// `payment-request` or `receipt`.
    public var kind: String
    public var subject: String
    public var text: String
    public var html: String
    /// The GiroCode, when the email asks for a transfer in euro.
    public var qrPNG: [UInt8]?
    /// The Content-ID the HTML refers to.
    public var imageContentID: String

    public init(kind: String, subject: String, text: String, html: String, qrPNG: [UInt8]?, imageContentID: String) {
        self.kind = kind
        self.subject = subject
        self.text = text
        self.html = html
        self.qrPNG = qrPNG
        self.imageContentID = imageContentID
    }
}
