/// One record as a reader gives it: its fields and, when the reader knows it, the line it starts on.
struct ReadRecord: Equatable {
    var fields: [String]
    var line: Int?
}

/// What a reader made of a whole input: its records, or where and why it refused the input.
enum Outcome: Equatable {
    case records([ReadRecord])
    case failure(line: Int?, field: String?, message: String)

    /// As the statement parser uses records: blank ones dropped, every field trimmed.
    var normalized: Outcome {
        guard case .records(let records) = self else { return self }
        return .records(records.compactMap { record in
            let fields = record.fields.map(trimmed)
            return fields.allSatisfy(\.isEmpty) ? nil : ReadRecord(fields: fields, line: record.line)
        })
    }

    /// Short, for the table: the records with their fields quoted, or the error.
    var summary: String {
        switch self {
        case .records(let records):
            records.map { record in
                (record.line.map { "\($0):" } ?? "") + "[" + record.fields.map(\.debugDescription).joined(separator: ",") + "]"
            }.joined(separator: " ")
        case .failure(let line, let field, let message):
            "error " + (line.map { "line \($0)" } ?? "without a line") + (field.map { ", \($0)" } ?? "") + ": \(message)"
        }
    }
}

/// Trimmed as CustomerCenterBanking trims values (`String.trimmingWhitespace`): Unicode whitespace.
func trimmed(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
          let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    return String(Substring(scalars[first...last]))
}

/// A CSV reader under comparison: how it reads bytes (byte-order mark already removed, as the statement
/// parser removes it) split at `delimiter`.
struct CandidateReader: Sendable {
    let name: String
    /// Every record, or the reader's error.
    let read: @Sendable (_ bytes: [UInt8], _ delimiter: UInt8) -> Outcome
    /// The number of fields in all records, without keeping them: for timing and memory.
    let countFields: @Sendable (_ bytes: [UInt8], _ delimiter: UInt8) -> Int

    static let all = [OurReader.candidate, SwiftCSVReader.candidate, CSVSwiftReader.candidate]
}
