/// HTML escaping exactly as swift-mustache does it (`<`, `>`, `&`, `"`, `'` per character), into bytes.
///
/// swift-mustache compares whole characters, so an `&` followed by a combining mark is one character
/// and stays unescaped. Text without any of the five bytes is copied as it is; ASCII text is escaped
/// byte by byte (each byte a character there); only other text with one of the five goes through
/// characters, as swift-mustache does.
enum HTMLEscape {
    static func append(_ text: String, to output: inout [UInt8]) {
        var needsEscaping = false
        var ascii = true
        for byte in text.utf8 {
            if byte >= 0x80 {
                ascii = false
            } else if byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
                        || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                needsEscaping = true
            }
        }
        guard needsEscaping else {
            output.append(contentsOf: text.utf8)
            return
        }
        if ascii {
            for byte in text.utf8 { appendEscaped(byte, to: &output) }
            return
        }
        for character in text {
            if character.utf8.count == 1, let byte = character.utf8.first {
                appendEscaped(byte, to: &output)
            } else {
                output.append(contentsOf: character.utf8)
            }
        }
    }

    private static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
        case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
        case UInt8(ascii: "'"): output.append(contentsOf: "&#39;".utf8)
        default: output.append(byte)
        }
    }
}
