import Foundation

/// The two Content-Transfer-Encodings a message uses (RFC 2045 §6): quoted-printable for text, base64
/// for images. Both produce 7-bit lines of at most 76 characters joined with CRLF, no final line break.
enum TransferEncoding {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)
    private static let crlf: [UInt8] = [0x0D, 0x0A]

    /// `text` as UTF-8, quoted-printable. Every line break (CRLF, LF or a lone CR) becomes a CRLF hard
    /// break; longer lines get soft breaks; "=", non-ASCII, control characters and whitespace at the end
    /// of a line are encoded. A "." or "From " at the start of a line is encoded too, so dot-stuffing and
    /// mbox "From " quoting cannot change the text.
    static func quotedPrintable(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D || byte == 0x0A {
                encodeLine(bytes[lineStart..<index], into: &out)
                out += crlf
                index += (byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) ? 2 : 1
                lineStart = index
            } else {
                index += 1
            }
        }
        encodeLine(bytes[lineStart..<bytes.count], into: &out)
        return out
    }

    private static func encodeLine(_ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var length = 0
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            let isLast = index == line.endIndex - 1
            let isWhitespace = byte == 0x20 || byte == 0x09
            let isLiteral = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || (isWhitespace && !isLast)
            func escaped() -> [UInt8] { [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]] }
            var token = isLiteral ? [byte] : escaped()
            // A soft break needs its "=", so only the line's last token may use the 76th column.
            if length + token.count > (isLast ? 76 : 75) {
                out += [UInt8(ascii: "=")] + crlf
                length = 0
            }
            if length == 0, isLiteral, byte == UInt8(ascii: ".") || line[index...].starts(with: "From ".utf8) {
                token = escaped()
            }
            out += token
            length += token.count
            index += 1
        }
    }

    /// `bytes` as base64 in lines of 76 characters joined with CRLF.
    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        let encoded = Array(Data(bytes).base64EncodedString().utf8)
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count + encoded.count / 38)
        var start = 0
        while start < encoded.count {
            if start > 0 { out += crlf }
            out += encoded[start..<min(start + 76, encoded.count)]
            start += 76
        }
        return out
    }
}
