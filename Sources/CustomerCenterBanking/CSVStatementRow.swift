import CustomerCenterModel

/// One data row of the statement CSV, turned into an entry; each value error names its column.
struct CSVStatementRow {
    let fields: [String]
    let columns: [CSVStatementParser.Column: Int]
    let file: String
    let line: Int

    /// The row as the `number`th entry of the file.
    func entry(number: Int) throws(StatementError) -> StatementEntry {
        guard let bookingDate = try date(.bookingDate) else { throw error(.bookingDate, .missing("the booking date")) }
        let valueDate = try date(.valueDate)
        let currencyCode = try required(.currency, "the currency").uppercased()
        guard let currency = Currency(code: currencyCode) else {
            throw error(.currency, .invalidCurrency(value(.currency) ?? ""))
        }
        let amountText = try required(.amount, "the amount")
        let signed = try amount(amountText, currency: currency)
        let bankReference = try required(.bankReference, "the bank reference")
        let remittance = value(.remittance).map {
            $0.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                .map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        }
        return StatementEntry(
            position: .init(entry: number, line: line), bankReference: bankReference,
            direction: signed.isNegative ? .debit : .credit, amount: signed.magnitude,
            bookingDate: bookingDate, valueDate: valueDate, payerName: value(.payerName),
            payerIBAN: value(.payerIBAN).map(CAMTEntryReader.compactIBAN),
            structuredReferences: value(.reference).map { [$0] } ?? [], remittanceLines: remittance ?? [])
    }

    /// The trimmed value of `column`; nil when the header lacks it or the field is blank.
    private func value(_ column: CSVStatementParser.Column) -> String? {
        guard let index = columns[column] else { return nil }
        let text = fields[index].trimmingWhitespace()
        return text.isEmpty ? nil : text
    }

    private func required(_ column: CSVStatementParser.Column, _ what: String) throws(StatementError) -> String {
        guard let text = value(column) else { throw error(column, .missing(what)) }
        return text
    }

    /// The date in `column`; nil when blank.
    private func date(_ column: CSVStatementParser.Column) throws(StatementError) -> CalendarDate? {
        guard let text = value(column) else { return nil }
        guard let date = CalendarDate(statementText: text, germanOrder: true) else { throw error(column, .invalidDate(text)) }
        return date
    }

    /// The amount with its sign; `,` or `.` as the decimal mark.
    private func amount(_ text: String, currency: Currency) throws(StatementError) -> Money {
        do {
            return try Money.statementAmount(text, currency: currency, decimalComma: true)
        } catch {
            let why = switch error {
            case .invalidCharacter where text.contains(".") && text.contains(","):
                "use no thousands separator: write 1234.56 or 1234,56"
            case .invalidCharacter, .empty: "write it like 1234.56 or 1234,56, negative for a debit"
            case .tooManyDecimals, .outOfRange: error.description
            }
            throw self.error(.amount, .invalidAmount(text, currency: currency.code, why: why))
        }
    }

    private func error(_ column: CSVStatementParser.Column, _ reason: StatementError.Reason) -> StatementError {
        StatementError(file: file, line: line, field: column.rawValue, reason: reason)
    }
}
