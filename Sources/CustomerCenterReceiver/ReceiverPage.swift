/// An HTML page the receiver answers a customer with (pay errors, method choice, thank-you,
/// cancelled, the sandbox checkout), in the customer's language.
public struct ReceiverPage: Sendable {
    /// The HTTP status.
    public var status: Int
    /// The page, or nil for a redirect.
    public var html: String?
    /// Where to redirect (303), if anywhere.
    public var location: String?

    static func redirect(_ location: String) -> ReceiverPage { ReceiverPage(status: 303, html: nil, location: location) }
}
