/// Finds the table headers that TOMLKit's toml++ (3.4.0) aborts the process on instead of reporting:
/// `[` or `[[` followed, after blanks, by anything but a bare-key character, a quote or `]`, such as
/// `` [`payments] `` or `[[[a]]]` (toml++ asserts in `parse_key`, fixed upstream after 3.4.0).
///
/// It reads the text as toml++ does up to the first header: comments, keys, and values with their
/// strings (basic, literal, multi-line) and brackets, so a `[` inside a value is never taken for a
/// header. toml++ reaches a header only after the text before it parsed, so that text is TOML and
/// this reading of it is exact.
enum TOMLHeaderCheck {
    /// The 1-based line of the first such header, or nil when there is none.
    static func firstBrokenHeaderLine(_ text: String) -> Int? {
        var reader = Reader(bytes: Array(text.utf8))
        return reader.firstBrokenHeaderLine()
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        init(bytes: [UInt8]) { self.bytes = bytes }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func advance() {
            if current == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }

        mutating func firstBrokenHeaderLine() -> Int? {
            while let byte = current {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): advance()
                case UInt8(ascii: "#"): skipComment()
                case UInt8(ascii: "["):
                    if !headerStartsWell() { return line }
                    skipRestOfLine()
                default: skipKeyValue()
                }
            }
            return nil
        }

        /// After `[` or `[[` and blanks: a bare-key character, a quote, or `]` (toml++ reports that one,
        /// and `[ [`, itself).
        mutating func headerStartsWell() -> Bool {
            advance()
            let hadBlanks = skipBlanks()
            if current == UInt8(ascii: "[") {
                if hadBlanks { return true }
                advance()
                skipBlanks()
            }
            guard let byte = current else { return true }
            return Self.isBareKeyByte(byte) || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "]")
        }

        /// Skips spaces and tabs; true when there were any.
        @discardableResult
        mutating func skipBlanks() -> Bool {
            let start = index
            while current == UInt8(ascii: " ") || current == UInt8(ascii: "\t") { advance() }
            return index > start
        }

        mutating func skipComment() {
            while let byte = current, byte != UInt8(ascii: "\n") { advance() }
        }

        /// The rest of a header line: quoted keys may hold `#` or `]`.
        mutating func skipRestOfLine() {
            while let byte = current, byte != UInt8(ascii: "\n") {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"): skipString()
                case UInt8(ascii: "#"): skipComment()
                default: advance()
                }
            }
        }

        /// A key, `=`, and a value that may span lines inside brackets or multi-line strings.
        mutating func skipKeyValue() {
            var depth = 0
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"): skipString()
                case UInt8(ascii: "#"): skipComment()
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    advance()
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth = max(0, depth - 1)
                    advance()
                case UInt8(ascii: "\n") where depth == 0: return
                default: advance()
                }
            }
        }

        /// A basic or literal string, single-line or multi-line, from its opening quote.
        mutating func skipString() {
            guard let quote = current else { return }
            let escapes = quote == UInt8(ascii: "\"")
            if index + 2 < bytes.count, bytes[index + 1] == quote, bytes[index + 2] == quote {
                for _ in 0..<3 { advance() }
                // Up to two more quotes may end the content: `"""a""""` is `a"`.
                while let byte = current {
                    if escapes, byte == UInt8(ascii: "\\") {
                        advance()
                        advance()
                    } else if byte == quote, index + 2 < bytes.count, bytes[index + 1] == quote, bytes[index + 2] == quote {
                        for _ in 0..<3 { advance() }
                        while current == quote { advance() }
                        return
                    } else {
                        advance()
                    }
                }
                return
            }
            advance()
            while let byte = current, byte != UInt8(ascii: "\n") {
                if escapes, byte == UInt8(ascii: "\\") {
                    advance()
                    if current != UInt8(ascii: "\n") { advance() }
                } else {
                    advance()
                    if byte == quote { return }
                }
            }
        }

        static func isBareKeyByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }
}
