import CustomerCenterBanking
import Foundation

/// One input in the documented format (docs/statement-csv.md) and what reading it must give.
struct ReaderCase {
    let name: String
    let bytes: [UInt8]
    let delimiter: UInt8
    let expected: Outcome

    init(_ name: String, _ text: String, delimiter: Character = ",", _ expected: Outcome) {
        self.name = name
        self.bytes = Array(text.utf8)
        self.delimiter = delimiter.asciiValue ?? UInt8(ascii: ",")
        self.expected = expected
    }

    init(name: String, bytes: [UInt8], delimiter: UInt8, expected: Outcome) {
        self.name = name
        self.bytes = bytes
        self.delimiter = delimiter
        self.expected = expected
    }
}

/// Records, each with the line it starts on.
private func records(_ records: (Int, [String])...) -> Outcome {
    .records(records.map { ReadRecord(fields: $0.1, line: $0.0) })
}

/// The error our reader gives (StatementError's line, column and reason).
private func error(line: Int, field: String, _ reason: StatementError.Reason) -> Outcome {
    .failure(line: line, field: field, message: reason.description)
}

extension ReaderCase {
    /// Small inputs for each rule of the format, with what the statement parser must get from its reader.
    static let rules: [ReaderCase] = [
        ReaderCase("quoted delimiter, doubled quotes", "a,b\n\"x,1\",\"say \"\"hi\"\"\"\n",
                   records((1, ["a", "b"]), (2, ["x,1", "say \"hi\""]))),
        ReaderCase("semicolon delimiter", "a;b\n\"x;1\";Meier, Max\n", delimiter: ";",
                   records((1, ["a", "b"]), (2, ["x;1", "Meier, Max"]))),
        ReaderCase("CRLF, a quoted line break, the next record's line", "a,b\r\n\"l1\r\nl2\",z\r\ny,w\r\n",
                   records((1, ["a", "b"]), (2, ["l1\r\nl2", "z"]), (4, ["y", "w"]))),
        ReaderCase("trailing empty line", "a,b\n1,2\n\n", records((1, ["a", "b"]), (2, ["1", "2"]))),
        ReaderCase("a row of delimiters only is skipped", "a,b\n,\n1,2\n", records((1, ["a", "b"]), (3, ["1", "2"]))),
        ReaderCase("last field empty, no final line break", "a,b\n1,", records((1, ["a", "b"]), (2, ["1", ""]))),
        ReaderCase("spaces around a quoted field", "a,b\n  \"x,y\"  ,2\n", records((1, ["a", "b"]), (2, ["x,y", "2"]))),
        ReaderCase("U+2028 (line separator) in a field", "a,b\nline\u{2028}sep,2\n",
                   records((1, ["a", "b"]), (2, ["line\u{2028}sep", "2"]))),
        ReaderCase("a combining mark after the delimiter", "a,b\nx,\u{301}y\n",
                   records((1, ["a", "b"]), (2, ["x", "\u{301}y"]))),
        ReaderCase("a quote inside an unquoted field", "a,b\nMax \"Maxi\" M,2\n", error(line: 2, field: "a", .strayQuote)),
        ReaderCase("doubled quotes in an unquoted field", "a,b\nMax \"\"Jr\"\",2\n", error(line: 2, field: "a", .strayQuote)),
        ReaderCase("text after a closing quote", "a,b\n\"Max\"imilian,2\n", error(line: 2, field: "a", .strayQuote)),
        ReaderCase("a quote ending the file's last field", "a,b\n1,B-1\"", error(line: 2, field: "b", .strayQuote)),
        ReaderCase("a quote and a combining mark", "a,b\n\"x\"\u{301},2\n", error(line: 2, field: "a", .strayQuote)),
        ReaderCase("a quoted field never closed", "a,b\n1,\"open\nnext,2\n", error(line: 2, field: "b", .unterminatedQuote)),
        ReaderCase("never closed, opened on a record's 2nd line", "a,b\n\"x\ny\",\"open\nz\n",
                   error(line: 3, field: "b", .unterminatedQuote)),
        ReaderCase("an error after a 3-line field names its line", "a,b\n\"l1\nl2\nl3\",1\nx\"y,2\n",
                   error(line: 5, field: "a", .strayQuote)),
    ]

    /// The statement fixtures of the tests, each expected to read as our reader reads it (the tests pin that).
    static func fixtures(in folder: String) -> [ReaderCase] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".csv") }.sorted()
        return names.compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { return nil }
            var bytes = [UInt8](data)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            let delimiter = headerDelimiter(bytes)
            return ReaderCase(name: "fixture " + name, bytes: bytes, delimiter: delimiter,
                              expected: OurReader.read(bytes, delimiter: delimiter))
        }
    }

    /// The parser's rule: `;` when the header line has more semicolons than commas, else `,`.
    static func headerDelimiter(_ bytes: [UInt8]) -> UInt8 {
        let header = bytes.prefix { $0 != UInt8(ascii: "\n") }
        return header.count { $0 == UInt8(ascii: ";") } > header.count { $0 == UInt8(ascii: ",") } ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// How `outcome` compares with what is expected.
    func verdict(_ outcome: Outcome) -> Verdict {
        let (expected, got) = (expected.normalized, outcome.normalized)
        if got == expected { return .right }
        switch (expected, got) {
        case (.records(let want), .records(let have)) where want.map(\.fields) == have.map(\.fields):
            return have.allSatisfy { $0.line == nil } ? .rightWithoutLines : .wrong
        case (.failure, .failure(nil, _, _)):
            return .refusedWithoutLine
        default:
            return .wrong
        }
    }
}

/// The comparison of one reader's outcome with the expected one.
enum Verdict: String {
    case right = "right"
    case rightWithoutLines = "fields right, no lines"
    case refusedWithoutLine = "refused, no line/column"
    case wrong = "MISREAD"
}
