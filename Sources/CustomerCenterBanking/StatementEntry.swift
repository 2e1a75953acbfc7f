import CustomerCenterModel

/// One booked movement on a bank statement: a credit (money received) or a debit. A camt batch entry
/// with several transactions becomes one `StatementEntry` per transaction.
public struct StatementEntry: Hashable, Sendable {
    /// Where the entry is in its file, for messages.
    public struct Position: Hashable, Sendable, CustomStringConvertible {
        /// The 1-based entry number: the `Ntry` in the file (every one counts, booked or not) or the CSV data row.
        public var entry: Int
        /// The 1-based transaction within a batch entry (`NtryDtls/TxDtls`); nil for a single entry.
        public var transaction: Int?
        /// The 1-based line where the entry (for a batch transaction: its `TxDtls`) or CSV row starts.
        public var line: Int

        /// A position in a statement file.
        public init(entry: Int, transaction: Int? = nil, line: Int) {
            self.entry = entry
            self.transaction = transaction
            self.line = line
        }

        /// `entry 3, transaction 2 (line 45)`.
        public var description: String {
            var text = "entry \(entry)"
            if let transaction { text += ", transaction \(transaction)" }
            return text + " (line \(line))"
        }
    }

    /// Money in or out of the account (`CdtDbtInd`).
    public enum Direction: String, Hashable, Sendable {
        /// `CRDT`: money received.
        case credit
        /// `DBIT`: money paid out.
        case debit
    }

    /// Where the entry is in its file.
    public var position: Position
    /// The bank's own reference for the booking (account servicer reference, `AcctSvcrRef`; the CSV's
    /// `bank_reference`). Re-imports are deduplicated on it, so it is never nil for a credit.
    public var bankReference: String?
    /// Credit or debit.
    public var direction: Direction
    /// True when the booking reverses an earlier one (`RvslInd`), e.g. a returned transfer.
    public var isReversal: Bool
    /// The amount, never negative: `direction` says which way it went.
    public var amount: Money
    /// The day the bank booked it.
    public var bookingDate: CalendarDate
    /// The value date, when given.
    public var valueDate: CalendarDate?
    /// Who paid, for a credit (`RltdPties/Dbtr/Nm`, or `Dbtr/Pty/Nm` from version 08).
    public var payerName: String?
    /// The payer's IBAN, for a credit (`RltdPties/DbtrAcct/Id/IBAN`), compact upper case.
    public var payerIBAN: String?
    /// The payer's end-to-end id (`Refs/EndToEndId`); nil when absent or `NOTPROVIDED`.
    public var endToEndID: String?
    /// Structured creditor references (`RmtInf/Strd/CdtrRefInf/Ref`; the CSV's `reference`), as given.
    public var structuredReferences: [String]
    /// Unstructured remittance lines (`RmtInf/Ustrd`, then `Strd/AddtlRmtInf`; the CSV's `remittance`).
    public var remittanceLines: [String]
    /// The IBAN of the account the entry was booked on (its statement block's `Acct/Id/IBAN`), when given.
    public var accountIBAN: String?

    /// An entry with these parts.
    public init(position: Position, bankReference: String?, direction: Direction, isReversal: Bool = false,
                amount: Money, bookingDate: CalendarDate, valueDate: CalendarDate? = nil,
                payerName: String? = nil, payerIBAN: String? = nil, endToEndID: String? = nil,
                structuredReferences: [String] = [], remittanceLines: [String] = [], accountIBAN: String? = nil) {
        self.position = position
        self.bankReference = bankReference
        self.direction = direction
        self.isReversal = isReversal
        self.amount = amount
        self.bookingDate = bookingDate
        self.valueDate = valueDate
        self.payerName = payerName
        self.payerIBAN = payerIBAN
        self.endToEndID = endToEndID
        self.structuredReferences = structuredReferences
        self.remittanceLines = remittanceLines
        self.accountIBAN = accountIBAN
    }

    /// The amount with a sign: negative for a debit.
    public var signedAmount: Money {
        direction == .credit ? amount : Money(minorUnits: -amount.minorUnits, currency: amount.currency)
    }

    /// The remittance lines joined by spaces, for showing and storing.
    public var remittanceText: String { remittanceLines.joined(separator: " ") }
}
