import Foundation

/// Where a key stands in a JSON text, line by line: `JSONSerialization` keeps no positions, but a
/// problem found after parsing (a missing invoice document) should still be reported as file:line.
enum JSONKeyLines {
    /// Every occurrence of the object key `key` in `data`, in document order: its 1-based line and
    /// the string value that follows it (nil when the value is not a string). Strings are scanned
    /// with their escapes, so a key-like text inside a value is never taken for a key.
    static func occurrences(of key: String, in data: Data) -> [(line: Int, value: String?)] {
        let bytes = [UInt8](data)
        var found: [(Int, String?)] = []
        var line = 1
        var index = 0
        /// The string starting at the quote at `start`: its raw bytes (escapes kept) and the index after it.
        func string(at start: Int) -> (raw: [UInt8], end: Int) {
            var position = start + 1
            var raw: [UInt8] = []
            while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                if bytes[position] == UInt8(ascii: "\\"), position + 1 < bytes.count {
                    raw.append(bytes[position])
                    position += 1
                }
                raw.append(bytes[position])
                position += 1
            }
            return (raw, position + 1)
        }
        func skipWhitespace(_ position: Int) -> Int {
            var position = position
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
            return position
        }
        let wanted = Array(key.utf8)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                index += 1
            } else if byte == UInt8(ascii: "\"") {
                let (raw, end) = string(at: index)
                let keyLine = line
                line += raw.filter { $0 == 0x0A }.count  // not valid JSON, but keep counting right
                index = end
                let colon = skipWhitespace(index)
                guard raw == wanted, colon < bytes.count, bytes[colon] == UInt8(ascii: ":") else { continue }
                let valueStart = skipWhitespace(colon + 1)
                var value: String?
                if valueStart < bytes.count, bytes[valueStart] == UInt8(ascii: "\"") {
                    let (valueRaw, _) = string(at: valueStart)
                    // Decoded as JSON decodes it, so it compares with the parsed value.
                    let literal = Data([UInt8(ascii: "\"")] + valueRaw + [UInt8(ascii: "\"")])
                    value = (try? JSONSerialization.jsonObject(with: literal, options: [.fragmentsAllowed])) as? String
                }
                found.append((keyLine, value))
                // Lines inside the value are counted when the scan reaches them.
            } else {
                index += 1
            }
        }
        return found
    }
}
