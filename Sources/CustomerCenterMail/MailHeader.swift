/// An extra header field on a message, such as `Auto-Submitted: auto-generated` or
/// `X-Customer-Center-Kind: invoice`. Non-ASCII values are written as RFC 2047 encoded-words.
public struct MailHeader: Sendable, Hashable {
    /// The field name, e.g. `Auto-Submitted`.
    public var name: String
    /// The unstructured value.
    public var value: String

    /// A header field; validated when the message is rendered.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// Fields the message writes itself; setting them again would make an ambiguous message.
    static let reservedNames: Set<String> = [
        "date", "from", "to", "cc", "bcc", "reply-to", "sender", "subject", "message-id", "mime-version",
        "content-type", "content-transfer-encoding", "content-id", "content-disposition",
    ]

    /// Refuses line breaks, malformed names and the fields the message writes itself.
    func validate() throws(MailError) {
        try FoldedHeader.refuseLineBreaks(name, field: name)
        try FoldedHeader.refuseLineBreaks(value, field: name)
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 40, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }) else {
            throw .invalidHeader(field: name, reason: "a field name is 1 to 40 printable ASCII characters without \":\"")
        }
        guard !Self.reservedNames.contains(name.lowercased()) else {
            throw .invalidHeader(field: name, reason: "set by the message itself, not as an extra header")
        }
    }
}
