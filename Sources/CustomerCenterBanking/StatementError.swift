/// Why a bank statement could not be read, with where: file, line, entry and field.
public struct StatementError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, independent of where.
    public enum Reason: Hashable, Sendable, CustomStringConvertible {
        /// The file could not be read; the system's reason.
        case unreadable(String)
        /// The file has no content.
        case empty
        /// Neither ISO 20022 XML nor the statement CSV.
        case unknownFormat
        /// The text is not UTF-8.
        case notUTF8
        /// XMLParser gave up; its reason.
        case malformedXML(String)
        /// Well-formed XML, but not a camt.053 statement or camt.054 notification; the element found.
        case unsupportedMessage(String)
        /// A required value is absent; what, as a phrase ("the amount (Amt)").
        case missing(String)
        /// A credit without the bank's own reference, which re-imports need to recognise it.
        case missingBankReference
        /// Not an amount in that currency: the text, the currency code and why.
        case invalidAmount(String, currency: String, why: String)
        /// Not an active ISO 4217 currency code.
        case invalidCurrency(String)
        /// Not a date (`YYYY-MM-DD`, or `DD.MM.YYYY` in CSV).
        case invalidDate(String)
        /// A credit/debit indicator other than `CRDT` or `DBIT`.
        case invalidIndicator(String)
        /// A CSV quoted field that never ends; the line it starts on is the error's line.
        case unterminatedQuote
        /// A CSV quote in the middle of an unquoted field, or text after a closing quote.
        case strayQuote
        /// A CSV row with another number of fields than the header.
        case fieldCount(got: Int, expected: Int)
        /// A CSV header column that the format does not define.
        case unknownColumn(String)
        /// A CSV header column named twice.
        case duplicateColumn(String)
        /// A required CSV header column that is absent.
        case missingColumn(String)

        public var description: String {
            switch self {
            case .unreadable(let why): "cannot be read: \(why)"
            case .empty: "the file is empty"
            case .unknownFormat:
                "neither an ISO 20022 camt.053/camt.054 XML file nor a statement CSV (see docs/statement-csv.md)"
            case .notUTF8: "the text is not UTF-8; export or save the file as UTF-8"
            case .malformedXML(let why): "malformed XML: \(why)"
            case .unsupportedMessage(let element):
                "<\(element)> is not a camt.053 statement (BkToCstmrStmt) or camt.054 notification (BkToCstmrDbtCdtNtfctn)"
            case .missing(let what): "\(what) is missing"
            case .missingBankReference:
                "the credit has no bank reference (AcctSvcrRef), so a second import could not recognise it; "
                    + "ask the bank for statements with account servicer references"
            case .invalidAmount(let text, let currency, let why): "\"\(text)\" is not an amount in \(currency): \(why)"
            case .invalidCurrency(let text): "\"\(text)\" is not an ISO 4217 currency code"
            case .invalidDate(let text): "\"\(text)\" is not a date (YYYY-MM-DD, or DD.MM.YYYY in CSV)"
            case .invalidIndicator(let text): "\"\(text)\" is neither CRDT (credit) nor DBIT (debit)"
            case .unterminatedQuote: "a quoted field starts here and is never closed"
            case .strayQuote: "a quote inside an unquoted field or after a closing quote; quote the whole field and double inner quotes"
            case .fieldCount(let got, let expected): "the row has \(got) fields, the header has \(expected)"
            case .unknownColumn(let name):
                "unknown column \"\(name)\"; the columns are \(CSVStatementParser.Column.allCases.map(\.rawValue).joined(separator: ","))"
            case .duplicateColumn(let name): "column \"\(name)\" appears twice"
            case .missingColumn(let name): "the header has no column \"\(name)\""
            }
        }
    }

    /// The statement file, as the caller named it.
    public var file: String
    /// The 1-based line, when known: of the offending element (else of its entry or transaction, when the
    /// element is absent), of the CSV row, or where XMLParser stopped.
    public var line: Int?
    /// The 1-based entry number in the file (every `Ntry` counts, booked or not), when known.
    public var entry: Int?
    /// The 1-based transaction within a batch entry (`NtryDtls/TxDtls`), when known.
    public var transaction: Int?
    /// The XML element path (`Amt/@Ccy`) or CSV column (`amount`), when known.
    public var field: String?
    /// What is wrong.
    public var reason: Reason

    /// A problem in `file`, located as precisely as known.
    public init(file: String, line: Int? = nil, entry: Int? = nil, transaction: Int? = nil, field: String? = nil,
                reason: Reason) {
        self.file = file
        self.line = line
        self.entry = entry
        self.transaction = transaction
        self.field = field
        self.reason = reason
    }

    /// `file:line: entry 3, transaction 2: field: reason`, leaving out what is unknown: one line, like a compiler's.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let entry {
            text += "entry \(entry)"
            if let transaction { text += ", transaction \(transaction)" }
            text += ": "
        }
        if let field { text += "\(field): " }
        return text + reason.description
    }
}
