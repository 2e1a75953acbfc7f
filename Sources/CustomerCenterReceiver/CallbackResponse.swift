/// What the receiver answers a callback: status and a short plain-text body.
public struct CallbackResponse: Equatable, Sendable {
    /// The HTTP status code.
    public var status: Int
    /// A short generic body.
    public var body: String
}
