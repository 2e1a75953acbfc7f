@testable import CustomerCenterBanking

/// CustomerCenterBanking's own reader, used as CSVStatementParser uses it.
enum OurReader {
    static let candidate = CandidateReader(name: "ours", read: read, countFields: countFields)

    static func read(_ bytes: [UInt8], delimiter: UInt8) -> Outcome {
        var reader = CSVRecordReader(bytes: bytes, delimiter: delimiter, file: "case.csv")
        var records: [ReadRecord] = []
        do {
            while let record = try reader.next() {
                // The header's names, so that errors name the column (as the parser sets them).
                if records.isEmpty { reader.columnNames = record.fields.map { $0.trimmingWhitespace().lowercased() } }
                records.append(ReadRecord(fields: record.fields, line: record.line))
            }
        } catch {
            return .failure(line: error.line, field: error.field, message: error.reason.description)
        }
        return .records(records)
    }

    static func countFields(_ bytes: [UInt8], delimiter: UInt8) -> Int {
        var reader = CSVRecordReader(bytes: bytes, delimiter: delimiter, file: "case.csv")
        var count = 0
        do {
            while let record = try reader.next() { count += record.fields.count }
        } catch {
            return -1
        }
        return count
    }
}
