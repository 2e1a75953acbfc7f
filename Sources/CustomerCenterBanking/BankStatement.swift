import CustomerCenterModel

/// The booked entries of one bank statement file: a camt.053 statement, a camt.054 notification or the
/// statement CSV. Read one with `StatementParser.read(path:)`.
public struct BankStatement: Hashable, Sendable {
    /// The kind of file the entries came from.
    public enum Format: String, Hashable, Sendable, CustomStringConvertible {
        /// ISO 20022 bank-to-customer statement (`BkToCstmrStmt`).
        case camt053
        /// ISO 20022 debit/credit notification (`BkToCstmrDbtCdtNtfctn`).
        case camt054
        /// The documented statement CSV (docs/statement-csv.md).
        case csv

        public var description: String {
            switch self {
            case .camt053: "camt.053"
            case .camt054: "camt.054"
            case .csv: "CSV"
            }
        }
    }

    /// The file the statement was read from, as the caller named it.
    public var path: String
    /// The kind of file.
    public var format: Format
    /// The message identifier from the XML namespace (`camt.053.001.02`), when the file declares one.
    public var messageVersion: String?
    /// The statement's own account IBAN (`Stmt/Acct/Id/IBAN`) when the file gives one, and every
    /// statement block in the file names the same; nil for CSV or mixed accounts (each entry keeps its own).
    public var accountIBAN: String?
    /// The account currency (`Stmt/Acct/Ccy`) on the same terms as `accountIBAN`.
    public var currency: Currency?
    /// The booked entries in file order; a batch entry contributes one entry per transaction.
    public var entries: [StatementEntry]
    /// How many entries were skipped because they are not booked (`PDNG`, `INFO`, `FUTR`, ...).
    public var notBookedCount: Int

    /// A statement with these parts.
    public init(path: String, format: Format, messageVersion: String? = nil, accountIBAN: String? = nil,
                currency: Currency? = nil, entries: [StatementEntry], notBookedCount: Int = 0) {
        self.path = path
        self.format = format
        self.messageVersion = messageVersion
        self.accountIBAN = accountIBAN
        self.currency = currency
        self.entries = entries
        self.notBookedCount = notBookedCount
    }

    /// The money received: the booked credit entries, in file order.
    public var credits: [StatementEntry] { entries.filter { $0.direction == .credit } }
}
