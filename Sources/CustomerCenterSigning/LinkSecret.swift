/// The key that page tokens are derived with. Kept out of `description` so that it cannot leak into
/// logs or error messages by accident.
public struct LinkSecret: Sendable, CustomStringConvertible {
    /// The shortest accepted secret, in bytes: 32 bytes, as long as the HMAC-SHA256 output.
    public static let minimumByteCount = 32

    /// Why a secret was refused.
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case tooShort(byteCount: Int)

        public var description: String {
            switch self {
            case .tooShort(let count):
                "is \(count) bytes long; use at least \(LinkSecret.minimumByteCount) random bytes (e.g. `openssl rand -hex 32`)"
            }
        }
    }

    let bytes: [UInt8]

    /// A secret from its UTF-8 text; at least `minimumByteCount` bytes.
    public init(_ text: String) throws(Error) {
        let bytes = Array(text.utf8)
        guard bytes.count >= LinkSecret.minimumByteCount else { throw .tooShort(byteCount: bytes.count) }
        self.bytes = bytes
    }

    public var description: String { "LinkSecret(redacted)" }

}
