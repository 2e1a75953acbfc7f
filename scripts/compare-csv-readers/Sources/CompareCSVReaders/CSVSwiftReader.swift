import CSV
import Foundation

/// yaslab/CSV.swift 2.5.2 as a thin adapter would use it: `CSVReader(string:)` over the text decoded as
/// UTF-8, fields trimmed (so that spaces around a quoted field are allowed, as ours allows them).
enum CSVSwiftReader {
    static let candidate = CandidateReader(name: "CSV.swift", read: read, countFields: countFields)

    private static func reader(_ bytes: [UInt8], delimiter: UInt8) throws -> CSVReader {
        try CSVReader(string: String(decoding: bytes, as: UTF8.self), hasHeaderRow: false, trimFields: true,
                      delimiter: UnicodeScalar(delimiter))
    }

    static func read(_ bytes: [UInt8], delimiter: UInt8) -> Outcome {
        do {
            let reader = try reader(bytes, delimiter: delimiter)
            var records: [ReadRecord] = []
            while let row = reader.next() { records.append(ReadRecord(fields: row, line: nil)) }
            if let error = reader.error { return .failure(line: nil, field: nil, message: "\(error)") }
            return .records(records)
        } catch {
            return .failure(line: nil, field: nil, message: "\(error)")
        }
    }

    static func countFields(_ bytes: [UInt8], delimiter: UInt8) -> Int {
        guard let reader = try? reader(bytes, delimiter: delimiter) else { return -1 }
        var count = 0
        while let row = reader.next() { count += row.count }
        return count
    }

    /// The rows its file API (`CSVReader(stream:)`, UTF-8) reads from `bytes`, and the error it keeps aside.
    static func readStream(_ bytes: [UInt8]) -> (rows: [[String]], error: String?) {
        guard let reader = try? CSVReader(stream: InputStream(data: Data(bytes))) else { return ([], "cannot open") }
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return (rows, reader.error.map { "\($0)" })
    }
}
