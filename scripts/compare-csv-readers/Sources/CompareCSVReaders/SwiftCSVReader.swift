import SwiftCSV

/// swiftcsv/SwiftCSV 0.10.0 as a thin adapter would use it: the text decoded as UTF-8, the header read
/// by `CSV(string:delimiter:)` (`rowLimit: 0` keeps it from reading every row into `rows` too), then every
/// row through `enumerateAsArray`, which, unlike `rows`, does not pad short rows with empty fields.
enum SwiftCSVReader {
    static let candidate = CandidateReader(name: "SwiftCSV", read: read, countFields: countFields)

    private final class Rows { var all: [[String]] = []; var fieldCount = 0 }

    private static func enumerate(_ bytes: [UInt8], delimiter: UInt8, _ row: @escaping ([String]) -> Void) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        let csv = try CSV<Enumerated>(string: text, delimiter: delimiter == UInt8(ascii: ";") ? .semicolon : .comma,
                                      loadColumns: false, rowLimit: 0)
        try csv.enumerateAsArray(startAt: 0, rowLimit: nil, row)
    }

    static func read(_ bytes: [UInt8], delimiter: UInt8) -> Outcome {
        let rows = Rows()
        do {
            try enumerate(bytes, delimiter: delimiter) { rows.all.append($0) }
        } catch {
            return .failure(line: nil, field: nil, message: "\(error)")
        }
        return .records(rows.all.map { ReadRecord(fields: $0, line: nil) })
    }

    static func countFields(_ bytes: [UInt8], delimiter: UInt8) -> Int {
        let rows = Rows()
        do {
            try enumerate(bytes, delimiter: delimiter) { rows.fieldCount += $0.count }
        } catch {
            return -1
        }
        return rows.fieldCount
    }
}
