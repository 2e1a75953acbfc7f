/// A mailbox: an optional display name and an address, written per RFC 5322 (`Name <local@domain>`).
/// Names outside plain ASCII become RFC 2047 encoded-words; names with specials are quoted.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The name shown to the reader, any Unicode text; nil or empty for a bare address.
    public var displayName: String?
    /// `local@domain`, ASCII only.
    public var address: String

    /// An address with an optional display name; validated when a message is rendered.
    public init(_ address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }

    /// The part after the "@" (empty if there is none).
    public var domain: Substring {
        guard let at = address.lastIndex(of: "@") else { return "" }
        return address[address.index(after: at)...]
    }

    /// `Name <address>` unencoded, for logs and messages to the operator.
    public var description: String {
        guard let displayName, !displayName.isEmpty else { return address }
        return "\(displayName) <\(address)>"
    }

    // RFC 5322 atext: what a local part or an unquoted name word may hold besides letters and digits.
    private static let atextSymbols = Set("!#$%&'*+-/=?^_`{|}~".utf8)

    /// Refuses line breaks anywhere and addresses that are not a plain `local@domain`: minimal checks
    /// that keep the header well-formed, not a full RFC 5321 parser.
    func validate(field: String) throws(MailError) {
        try FoldedHeader.refuseLineBreaks(address, field: field)
        try FoldedHeader.refuseLineBreaks(displayName ?? "", field: field)
        func refuse(_ reason: String) -> MailError { .invalidAddress(field: field, address: address, reason: reason) }
        let bytes = Array(address.utf8)
        guard bytes.count <= 254 else { throw refuse("longer than 254 bytes") }
        let parts = bytes.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw refuse("needs exactly one @") }
        let (local, domain) = (parts[0], parts[1])
        guard !local.isEmpty, !domain.isEmpty else { throw refuse("empty part before or after @") }
        if let byte = bytes.first(where: { $0 <= 0x20 || $0 >= 0x7F }) {
            throw refuse(byte >= 0x80 ? "non-ASCII addresses are not supported" : "contains a space or control character")
        }
        guard local.allSatisfy({ Self.isAtext($0) || $0 == UInt8(ascii: ".") }) else {
            throw refuse("the part before @ may only hold letters, digits and !#$%&'*+-/=?^_`{|}~.")
        }
        let isDomainByte = { (byte: UInt8) in
            Self.isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        guard domain.allSatisfy(isDomainByte),
              !domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).contains(where: \.isEmpty)
        else { throw refuse("the domain must be dot-separated labels of letters, digits and hyphens") }
    }

    /// Appends the mailbox to `header`; `suffix` (a list comma) sticks to the last word.
    func write(to header: inout FoldedHeader, suffix: String = "") {
        guard let name = displayName, !name.isEmpty else {
            header.append(address + suffix)
            return
        }
        if FoldedHeader.isPlain(name), name.utf8.allSatisfy({ Self.isAtext($0) || $0 == 0x20 }) {
            for word in name.split(separator: " ") { header.append(String(word)) }
        } else if FoldedHeader.isPlain(name), name.utf8.count <= 50 {
            var quoted = "\""
            for character in name {
                if character == "\"" || character == "\\" { quoted += "\\" }
                quoted.append(character)
            }
            header.append(quoted + "\"")
        } else {
            header.appendEncodedWords(name)
        }
        header.append("<" + address + ">" + suffix)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isAtext(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || atextSymbols.contains(byte) }
}
