/// Why a callback was refused: the HTTP status, the short generic body the caller sees, and the
/// reason that only the log sees. Every client mistake is a 4xx; nothing a client sends yields a 5xx.
public struct CallbackRejection: Error, Equatable, Sendable {
    /// The HTTP status code.
    public var status: Int
    /// What the caller reads: short and generic, never a secret or a signature.
    public var body: String
    /// What the log says.
    public var reason: String

    /// A refusal with `status`, `body` and the logged `reason`.
    public init(_ status: Int, _ body: String, reason: String) {
        self.status = status
        self.body = body
        self.reason = reason
    }

    public static func badRequest(_ reason: String) -> CallbackRejection { .init(400, "bad request", reason: reason) }
    public static func unprocessable(_ reason: String) -> CallbackRejection { .init(422, "unprocessable event", reason: reason) }
}
