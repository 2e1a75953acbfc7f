import CustomerCenterModel
import Foundation

/// Reads the statement CSV, for banks without camt export and for entering transfers by hand.
///
/// The format (also in docs/statement-csv.md):
///
/// - UTF-8, with or without a byte-order mark; lines end in LF or CRLF.
/// - RFC 4180 quoting: a field in double quotes may contain the delimiter, line breaks and doubled
///   quotes (`"Miller ""Jr."""`).
/// - The delimiter is `;` or `,`: whichever occurs more often in the header line (`,` on a tie).
/// - The first line is the header. It names the columns, in any order:
///
///       booking_date,value_date,amount,currency,payer_name,payer_iban,reference,remittance,bank_reference
///
///   `booking_date`, `amount`, `currency` and `bank_reference` are required: the header names them
///   and every row fills them. The others may be left out of the header or left empty in a row. Header names are case-insensitive; an unknown or
///   repeated name is an error; columns with an empty name are ignored.
/// - One row per booked movement; every row has as many fields as the header. Blank rows are skipped.
///   - `booking_date`, `value_date`: `YYYY-MM-DD` (or `DD.MM.YYYY`).
///   - `amount`: a decimal with `.` or `,` as the decimal mark and no thousands separator
///     (`1234.56`, `1234,56`, `-12,90`); negative is a debit, anything else a credit. No more decimals
///     than the currency has (trailing zeros aside).
///   - `currency`: the ISO 4217 code (`EUR`).
///   - `payer_name`, `payer_iban`: who paid (spaces in the IBAN are dropped).
///   - `reference`: the structured creditor reference (RF...), when the bank shows it separately.
///   - `remittance`: the remittance text (Verwendungszweck); line breaks inside split it into lines.
///   - `bank_reference`: the bank's own unique reference for the booking. Required: importing the same
///     rows again is recognised by it.
///
/// Errors name the file, the line and the column.
public enum CSVStatementParser {
    /// The columns of the statement CSV, as written in the header.
    public enum Column: String, CaseIterable, Hashable, Sendable {
        /// `booking_date`: the day the bank booked it (required).
        case bookingDate = "booking_date"
        /// `value_date`: the value date.
        case valueDate = "value_date"
        /// `amount`: signed decimal, negative for a debit (required).
        case amount
        /// `currency`: ISO 4217 code (required).
        case currency
        /// `payer_name`: who paid.
        case payerName = "payer_name"
        /// `payer_iban`: the payer's IBAN.
        case payerIBAN = "payer_iban"
        /// `reference`: the structured creditor reference.
        case reference
        /// `remittance`: the remittance text.
        case remittance
        /// `bank_reference`: the bank's unique reference for the booking (required).
        case bankReference = "bank_reference"

        /// Whether the header must name the column.
        public var isRequired: Bool { [.bookingDate, .amount, .currency, .bankReference].contains(self) }
    }

    /// The statement in `data`, read from `path` (named in errors).
    public static func parse(_ data: Data, path: String) throws(StatementError) -> BankStatement {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard bytes.contains(where: { !CSVStatementParser.isWhitespace($0) }) else { throw StatementError(file: path, reason: .empty) }
        if let line = UTF8Lines.firstInvalidLine(bytes) { throw StatementError(file: path, line: line, reason: .notUTF8) }

        var reader = CSVRecordReader(bytes: bytes, delimiter: delimiter(ofHeaderIn: bytes), file: path)
        guard let header = try reader.next() else { throw StatementError(file: path, reason: .empty) }
        reader.columnNames = header.fields.map { $0.trimmingWhitespace().lowercased() }
        let columns = try columnIndexes(reader.columnNames, line: header.line, path: path)
        var entries: [StatementEntry] = []
        while let record = try reader.next() {
            if record.fields.allSatisfy({ $0.trimmingWhitespace().isEmpty }) { continue }
            guard record.fields.count == reader.columnNames.count else {
                throw StatementError(file: path, line: record.line,
                                     reason: .fieldCount(got: record.fields.count, expected: reader.columnNames.count))
            }
            let row = CSVStatementRow(fields: record.fields, columns: columns, file: path, line: record.line)
            entries.append(try row.entry(number: entries.count + 1))
        }
        return BankStatement(path: path, format: .csv, entries: entries)
    }

    /// Column → field index, checked: known names, none twice, the required ones present.
    private static func columnIndexes(_ names: [String], line: Int, path: String) throws(StatementError) -> [Column: Int] {
        var columns: [Column: Int] = [:]
        for (index, name) in names.enumerated() where !name.isEmpty {
            guard let column = Column(rawValue: name) else {
                throw StatementError(file: path, line: line, field: name, reason: .unknownColumn(name))
            }
            guard columns[column] == nil else {
                throw StatementError(file: path, line: line, field: name, reason: .duplicateColumn(name))
            }
            columns[column] = index
        }
        if let absent = Column.allCases.first(where: { $0.isRequired && columns[$0] == nil }) {
            throw StatementError(file: path, line: line, reason: .missingColumn(absent.rawValue))
        }
        return columns
    }

    /// `;` when the header line has more semicolons than commas, else `,`.
    private static func delimiter(ofHeaderIn bytes: [UInt8]) -> UInt8 {
        let header = bytes.prefix { $0 != UInt8(ascii: "\n") }
        let semicolons = header.count { $0 == UInt8(ascii: ";") }
        let commas = header.count { $0 == UInt8(ascii: ",") }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
