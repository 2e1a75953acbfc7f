import Foundation

/// One header field being written: words are appended with a single space between them, and a word that
/// would push the line past 78 characters starts a continuation line instead (RFC 5322 §2.2.3 folding).
/// Non-ASCII text becomes RFC 2047 encoded-words sized to the room left, never longer than 75 characters.
struct FoldedHeader {
    static let lineLimit = 78
    static let encodedWordLimit = 75
    private static let encodedWordOverhead = "=?UTF-8?B??=".utf8.count

    private var lines: [String]
    private var current: String
    /// Whether a word has been written after "Name:"; the first word always stays on the first line,
    /// because a fold right after the colon reads back as a leading space.
    private var hasWord = false

    init(name: String) {
        lines = []
        current = name + ":"
    }

    /// The field, continuation lines joined with CRLF, without a final line break.
    var rendered: String { (lines + [current]).joined(separator: "\r\n") }

    /// Appends an unbreakable word (ASCII), folding first if it would not fit.
    mutating func append(_ word: String) {
        if hasWord, current.utf8.count + 1 + word.utf8.count > Self.lineLimit {
            lines.append(current)
            current = ""
        }
        current += " " + word
        hasWord = true
    }

    /// Appends `text` as unstructured text: plain words when that reads back exactly, else encoded-words.
    mutating func appendText(_ text: String) {
        if Self.isPlain(text) {
            for word in text.split(separator: " ") { append(String(word)) }
        } else {
            appendEncodedWords(text)
        }
    }

    /// Appends `text` as `=?UTF-8?B?…?=` words. Each is cut at a character boundary (a Unicode scalar
    /// boundary only for a character too long for one word), after a space where one is near: decoders
    /// drop the whitespace between encoded-words, but some (Python's address parser among them) keep it,
    /// and a doubled space reads better than a word torn in two.
    mutating func appendEncodedWords(_ text: String) {
        let room = Self.lineLimit - current.utf8.count - 1
        var budget = Self.payloadBytes(forWordLength: room)
        let fullBudget = Self.payloadBytes(forWordLength: Self.encodedWordLimit)
        if hasWord, budget < 12 { budget = fullBudget }
        var pending: [UInt8] = []
        var afterLastSpace: Int?
        func emit(_ bytes: some Collection<UInt8>) {
            append("=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?=")
            budget = fullBudget
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            let pieces = bytes.count <= fullBudget ? [bytes] : character.unicodeScalars.map { Array(String($0).utf8) }
            for piece in pieces {
                while !pending.isEmpty, pending.count + piece.count > budget {
                    if let cut = afterLastSpace {
                        emit(pending[..<cut])
                        pending.removeFirst(cut)
                        afterLastSpace = nil
                    } else if hasWord, budget < fullBudget {
                        budget = fullBudget  // a fresh line rather than a torn word
                    } else {
                        emit(pending)
                        pending = []
                    }
                }
                pending += piece
                if piece == [0x20] { afterLastSpace = pending.count }
            }
        }
        if !pending.isEmpty { emit(pending) }
    }

    /// How many bytes fit in an encoded-word of at most `length` characters.
    private static func payloadBytes(forWordLength length: Int) -> Int {
        max(0, (min(length, encodedWordLimit) - encodedWordOverhead) / 4 * 3)
    }

    /// Whether `text` can be written as plain words and read back unchanged: printable ASCII, single
    /// spaces, no leading or trailing space, no "=?" a decoder would take for an encoded-word, and no
    /// word too long for a line of its own.
    static func isPlain(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.first != 0x20, bytes.last != 0x20 else { return false }
        var wordLength = 0
        var previous: UInt8 = 0
        for byte in bytes {
            guard byte >= 0x20, byte <= 0x7E else { return false }
            if byte == 0x20 {
                if previous == 0x20 { return false }
                wordLength = 0
            } else {
                wordLength += 1
                if wordLength > lineLimit - 1 - 24 { return false }
            }
            if previous == UInt8(ascii: "="), byte == UInt8(ascii: "?") { return false }
            previous = byte
        }
        return true
    }

    /// Refuses CR and LF in any header input, naming the field.
    static func refuseLineBreaks(_ value: String, field: String) throws(MailError) {
        if value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A }) {
            throw .lineBreakInHeader(field: field)
        }
    }
}
