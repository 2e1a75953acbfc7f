/// An image inside an HTML email, referenced from the HTML as `cid:<contentID>` (RFC 2392), such as
/// the GiroCode of an invoice.
public struct InlineImage: Sendable, Hashable {
    /// The id the HTML refers to with `cid:…`, without angle brackets, e.g. `girocode@customer-center`.
    public var contentID: String
    /// The file name offered when the reader saves the image.
    public var filename: String
    /// The MIME type, e.g. `image/png`.
    public var mimeType: String
    /// The image file's bytes.
    public var bytes: [UInt8]

    /// An inline image; validated when the message is rendered.
    public init(contentID: String, filename: String, mimeType: String = "image/png", bytes: [UInt8]) {
        self.contentID = contentID
        self.filename = filename
        self.mimeType = mimeType
        self.bytes = bytes
    }

    /// Refuses line breaks and values that would not survive as a header parameter.
    func validate() throws(MailError) {
        try FoldedHeader.refuseLineBreaks(contentID, field: "Content-ID")
        try FoldedHeader.refuseLineBreaks(filename, field: "Content-Disposition filename")
        try FoldedHeader.refuseLineBreaks(mimeType, field: "Content-Type")
        let idBytes = Array(contentID.utf8)
        guard !idBytes.isEmpty, idBytes.count <= 200,
              idBytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") })
        else { throw .invalidHeader(field: "Content-ID", reason: "\"\(contentID)\" must be 1 to 200 printable ASCII characters without spaces or angle brackets") }
        let typeParts = mimeType.split(separator: "/", omittingEmptySubsequences: false)
        guard typeParts.count == 2, typeParts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(Self.isTokenByte) }) else {
            throw .invalidHeader(field: "Content-Type", reason: "\"\(mimeType)\" is not a type/subtype")
        }
        guard !filename.isEmpty, filename.utf8.count <= 200 else {
            throw .invalidHeader(field: "Content-Disposition filename", reason: "must be 1 to 200 bytes")
        }
    }

    /// `name="value"` for printable ASCII, else RFC 2231 `name*=UTF-8''percent-encoded`.
    static func parameter(_ name: String, _ value: String) -> String {
        let bytes = Array(value.utf8)
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\(name)=\"\(value)\""
        }
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        for byte in bytes {
            if isTokenByte(byte), byte != UInt8(ascii: "%"), byte != UInt8(ascii: "'"), byte != UInt8(ascii: "*") {
                encoded.append(byte)
            } else {
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return "\(name)*=UTF-8''" + String(decoding: encoded, as: UTF8.self)
    }

    /// RFC 2045 token characters: printable ASCII except space and tspecials.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && !"()<>@,;:\\\"/[]?=".utf8.contains(byte)
    }
}
