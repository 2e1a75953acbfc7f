import CustomerCenterBanking
import CustomerCenterModel
import Foundation

/// The statement CSV (CSVStatementParser): `StatementChecks` on what is read, and a round trip: the
/// entries written back as a statement CSV (every column, RFC 4180 quoting, the delimiter the input
/// used) read as the same entries.
enum CSVStatementTarget {
    static let path = "fuzz/statement.csv"

    static func fuzz(_ bytes: [UInt8]) {
        let statement: BankStatement
        do { statement = try CSVStatementParser.parse(Data(bytes), path: path) } catch {
            StatementChecks.check(error, path: path)
            return
        }
        StatementChecks.check(statement, path: path)
        Property.check(statement.format == .csv && statement.accountIBAN == nil && statement.notBookedCount == 0, "CSV statement facts")
        guard !statement.entries.isEmpty else { return }
        for delimiter in [",", ";"] {
            let written = write(statement.entries, delimiter: delimiter)
            do {
                let again = try CSVStatementParser.parse(Data(written.utf8), path: path)
                let (before, after) = (statement.entries.map(withoutPosition), again.entries.map(withoutPosition))
                Property.check(before == after, "written back with \(delimiter) as\n\(written)\nit reads as \(after), not \(before)")
            } catch {
                Property.fail("written back with \(delimiter) as\n\(written)\nit is refused: \(error)")
            }
        }
    }

    /// A quoted field with its quotes doubled, by scalar: a quote followed by a combining mark is one
    /// Character, which Character-wise replacing would miss.
    static func quoted(_ value: String?) -> String {
        var out = "\""
        for scalar in (value ?? "").unicodeScalars {
            if scalar == "\"" { out.unicodeScalars.append(scalar) }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }

    static func withoutPosition(_ entry: StatementEntry) -> StatementEntry {
        var entry = entry
        entry.position = .init(entry: 1, line: 1)
        return entry
    }

    static func write(_ entries: [StatementEntry], delimiter: String) -> String {
        var lines = [CSVStatementParser.Column.allCases.map(\.rawValue).joined(separator: delimiter)]
        for entry in entries {
            let fields: [String?] = [
                entry.bookingDate.description, entry.valueDate?.description, entry.signedAmount.decimalString,
                entry.amount.currency.code, entry.payerName, entry.payerIBAN, entry.structuredReferences.first,
                entry.remittanceLines.joined(separator: "\n"), entry.bankReference,
            ]
            lines.append(fields.map(quoted).joined(separator: delimiter))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
