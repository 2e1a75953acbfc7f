/// An email's content, rendered from the merchant's templates in the customer's language: the
/// subject, the plain-text and HTML bodies, and the images the HTML shows inline (GiroCodes, as
/// `cid:` + their content id). Turning it into an RFC 5322 message is the mail module's job.
public struct RenderedEmail: Sendable {
    /// An image the HTML part refers to as `cid:<contentID>`.
    public struct Image: Sendable, Hashable {
        public var contentID: String
        public var filename: String
        /// PNG bytes.
        public var png: [UInt8]

        public init(contentID: String, filename: String, png: [UInt8]) {
            self.contentID = contentID
            self.filename = filename
            self.png = png
        }
    }

    /// `payment-request`, `receipt`, `personal-link` or `reminder`.
    public var kind: String
    public var subject: String
    public var text: String
    public var html: String
    /// The GiroCodes, when the email asks for transfers in euro; in the order the HTML shows them.
    public var images: [Image]

    public init(kind: String, subject: String, text: String, html: String, images: [Image] = []) {
        self.kind = kind
        self.subject = subject
        self.text = text
        self.html = html
        self.images = images
    }
}
