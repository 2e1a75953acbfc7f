import CustomerCenterSigning

/// A node of a MIME tree (RFC 2045/2046): a leaf with its header fields and encoded body, or a multipart
/// whose boundary is chosen when it is rendered.
indirect enum MIMEPart {
    /// Header fields (already folded, without line breaks at the end) and a 7-bit body with CRLF lines.
    case leaf(headers: [String], body: [UInt8])
    /// `multipart/<subtype>`; `parameters` go before the boundary, e.g. `type="text/html"`.
    case multipart(subtype: String, parameters: [String], parts: [MIMEPart])

    private static let crlf: [UInt8] = [0x0D, 0x0A]

    /// The part's own header fields and its body.
    func rendered() -> (headers: [String], body: [UInt8]) {
        switch self {
        case .leaf(let headers, let body):
            return (headers, body)
        case .multipart(let subtype, let parameters, let parts):
            let children = parts.map { $0.rendered() }
            // "=_" cannot occur in quoted-printable or base64 output, and the random part makes nested
            // boundaries differ; still, a boundary is only used once it is checked absent from the content.
            var boundary: String
            repeat {
                boundary = "=_cc_" + ByteEncoding.hex(SecureRandom.bytes(12))
            } while children.contains(where: { child in
                child.headers.contains { $0.contains(boundary) } || Self.contains(child.body, Array(boundary.utf8))
            })
            var header = FoldedHeader(name: "Content-Type")
            header.append("multipart/\(subtype);")
            for parameter in parameters { header.append(parameter + ";") }
            header.append("boundary=\"\(boundary)\"")
            var body = Array("This is a multi-part message in MIME format.".utf8) + Self.crlf
            for child in children {
                body += Array("--\(boundary)".utf8) + Self.crlf
                for field in child.headers { body += Array(field.utf8) + Self.crlf }
                body += Self.crlf + child.body + Self.crlf
            }
            body += Array("--\(boundary)--".utf8) + Self.crlf
            return ([header.rendered], body)
        }
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
