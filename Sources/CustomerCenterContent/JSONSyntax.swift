import Foundation

/// Turns a JSON syntax error into a problem with a line number.
enum JSONSyntax {
    static func problem(_ error: Error, data: Data, file: String) -> ContentError {
        let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        // Foundation reports "... around character N." (0-based UTF-16 offset); turn it into a line.
        var line: Int?
        if let range = detail.range(of: #"character (\d+)"#, options: .regularExpression) {
            let digits = detail[range].split(separator: " ").last.flatMap { Int($0) }
            if let offset = digits {
                line = lineNumber(ofCharacter: offset, in: data)
            }
        }
        var reason = detail
        if let range = reason.range(of: #" around (line \d+, column \d+|character \d+)\.?"#, options: .regularExpression) {
            reason.removeSubrange(range)
        }
        if reason.hasSuffix(".") { reason.removeLast() }
        return ContentError(file: file, line: line, reason: "invalid JSON: \(reason)")
    }

    static func lineNumber(ofCharacter offset: Int, in data: Data) -> Int {
        let text = String(decoding: data, as: UTF8.self)
        var line = 1
        for (index, unit) in text.utf16.enumerated() {
            if index >= offset { break }
            if unit == 0x0A { line += 1 }
        }
        return line
    }
}
