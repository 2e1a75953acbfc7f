import Foundation

/// Finds where a text stops being UTF-8, for the `notUTF8` error of both statement readers.
enum UTF8Lines {
    /// The 1-based first line that is not valid UTF-8, or nil when the whole text is.
    static func firstInvalidLine(_ bytes: [UInt8]) -> Int? {
        // Decoding replaces invalid sequences, so a valid text decodes to the same bytes.
        guard !String(decoding: bytes, as: UTF8.self).utf8.elementsEqual(bytes) else { return nil }
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
        where !String(decoding: line, as: UTF8.self).utf8.elementsEqual(line) {
            return index + 1
        }
        return nil
    }

    /// Whether an XML document must be valid UTF-8 before libxml2 sees it: all but UTF-16/UTF-32, as
    /// libxml2 detects them (a byte-order mark, or `<` or `<?` in two or four bytes), and a declared
    /// Latin-1 or Latin-9, which libxml2 converts byte by byte. An unknown or misspelt encoding
    /// (`UTF-8555`) and other zero bytes are read as UTF-8 by libxml2, so they are checked like UTF-8.
    static func mustBeUTF8(xml bytes: [UInt8]) -> Bool {
        let wide: [[UInt8]] = [[0xFE, 0xFF], [0xFF, 0xFE], [0x3C, 0x00, 0x3F, 0x00], [0x00, 0x3C, 0x00, 0x3F],
                               [0x3C, 0x00, 0x00, 0x00], [0x00, 0x00, 0x00, 0x3C]]
        if wide.contains(where: { bytes.starts(with: $0) }) { return false }
        var start = bytes[...]
        if start.starts(with: [0xEF, 0xBB, 0xBF]) { start = start.dropFirst(3) }
        guard start.starts(with: Array("<?xml".utf8)) else { return true }
        // The declaration is ASCII and short: `<?xml version="1.0" encoding="ISO-8859-1"?>`. Only the
        // first one counts, and only when well formed: whitespace after `<?xml`, ASCII up to its `?>`,
        // no `<` before it (a later declaration's Latin-1 once skipped the check, found by fuzzing).
        let rest = Array(start.dropFirst(5).prefix(256))
        guard let first = rest.first, [0x20, 0x09, 0x0D, 0x0A].contains(first) else { return true }
        var end: Int?
        for index in rest.indices {
            let byte = rest[index]
            if byte == UInt8(ascii: "?"), index + 1 < rest.count, rest[index + 1] == UInt8(ascii: ">") {
                end = index
                break
            }
            if byte == UInt8(ascii: "<") || byte >= 0x80 || (byte < 0x20 && ![0x09, 0x0A, 0x0D].contains(byte)) { return true }
        }
        guard let end else { return true }
        let declaration = String(decoding: rest[..<end], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return true }
        let value = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
            .prefix { $0 != "\"" && $0 != "'" && $0 != " " && $0 != "?" }
        return !["iso-8859-1", "iso_8859-1", "latin1", "iso-8859-15", "latin-9"].contains(value.lowercased())
    }
}
