import CustomerCenterModel
import GRDB

/// A credit from a bank statement, ready for matching: the bank's reference for it and the RF
/// references found in its remittance information, most likely first.
public struct IncomingCredit: Sendable {
    /// The account servicer reference: the same entry in another import is the same money.
    public var bankReference: String
    public var bookingDate: CalendarDate
    public var amount: Money
    public var payerName: String?
    /// The remittance information as one line (structured references first).
    public var remittance: String
    public var candidates: [CreditorReference]
    /// How messages name the entry: "entry 12 (line 340)".
    public var label: String

    public init(bankReference: String, bookingDate: CalendarDate, amount: Money, payerName: String?, remittance: String,
                candidates: [CreditorReference], label: String) {
        self.bankReference = bankReference
        self.bookingDate = bookingDate
        self.amount = amount
        self.payerName = payerName
        self.remittance = remittance
        self.candidates = candidates
        self.label = label
    }
}

/// What importing one credit did.
public struct ImportedCredit: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Imported before (same bank reference): nothing booked.
        case duplicate
        /// Matched a transfer, which now waits for approval.
        case received
        /// Matched and approved (`--approve-matched`): booked.
        case approved
        /// The transfer the merchant approved by hand before the statement came: linked, nothing booked.
        case approvedBefore
        /// No known reference, or its account is gone: kept unmatched, `assign` books it by hand.
        case unmatched(reason: String)
        /// Matched, but in another currency than the account: kept, never booked as if it matched.
        case mismatch(reason: String)
    }

    public var credit: IncomingCredit
    public var outcome: Outcome
    /// The reference it matched.
    public var reference: CreditorReference?
    public var customerID: String?
    public var accountID: String?
    /// What was expected on the reference: the announced amount, or the invoice's open amount.
    public var expected: Money?
    /// The transfer it created or completed.
    public var transfer: TransferRecord?
    /// The payment booked (approved) or kept (unmatched).
    public var payment: LedgerPayment?

    /// A credit's result before matching (every engine of the ledger API fills it in).
    package init(credit: IncomingCredit, outcome: Outcome) {
        self.credit = credit
        self.outcome = outcome
    }
}

extension Ledger {
    /// The ledger's record of each of `references` (compact form) that it handed out.
    public func knownReferences(_ references: Set<String>) throws(LedgerError) -> [String: TransferReferenceRecord] {
        guard !references.isEmpty else { return [:] }
        return try read("look up references") { db in
            var found: [String: TransferReferenceRecord] = [:]
            // Chunks keep each statement within SQLite's variable limit.
            let all = Array(references)
            for start in stride(from: 0, to: all.count, by: 500) {
                let chunk = Array(all[start..<min(start + 500, all.count)])
                for row in try TransferReferenceRecord.filter(chunk.contains(TransferReferenceRecord.Columns.reference)).fetchAll(db) {
                    found[row.reference] = row
                }
            }
            return found
        }
    }

    /// Imports `credits` from statement `file` in one transaction: an entry seen before books nothing;
    /// one whose reference the ledger handed out becomes a received transfer (approved and booked at
    /// once with `approveMatched`); anything else is kept unmatched for `assign`. `accounts` holds the
    /// content's accounts by `customerID/accountID` for the references involved.
    public func importStatement(_ credits: [IncomingCredit], file: String, approveMatched: Bool,
                                accounts: [String: Account], at time: Int,
                                dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> [ImportedCredit] {
        try write("import statement \(file)") { db -> [ImportedCredit] in
            var results: [ImportedCredit] = []
            results.reserveCapacity(credits.count)
            for credit in credits {
                results.append(try Ledger.importCredit(credit, file: file, approveMatched: approveMatched, accounts: accounts,
                                                       at: time, dateOf: dateOf, db: db))
            }
            return results
        }
    }

    static func importCredit(_ credit: IncomingCredit, file: String, approveMatched: Bool, accounts: [String: Account],
                             at time: Int, dateOf: (Int) -> CalendarDate, db: Database) throws -> ImportedCredit {
        var result = ImportedCredit(credit: credit, outcome: .duplicate)
        if try StatementEntryRecord.exists(db, key: credit.bankReference) { return result }
        var entry = StatementEntryRecord(
            bankReference: credit.bankReference, importedAt: time, file: file, bookingDate: credit.bookingDate.description,
            amountMinor: credit.amount.minorUnits, currency: credit.amount.currency, payerName: credit.payerName,
            remittance: credit.remittance, reference: nil, outcome: .unmatched)

        var known: TransferReferenceRecord?
        for candidate in credit.candidates {
            if let row = try TransferReferenceRecord.fetchOne(db, key: candidate.value) { known = row; break }
        }
        // Money that matches nothing is kept where `unmatched` and `assign` find it.
        func keep(_ target: BookingTarget, customerID: String?, accountID: String?, outcome: ImportedCredit.Outcome) throws -> ImportedCredit {
            let event = PaymentEvent(
                provider: bankProvider, eventID: "statement-\(credit.bankReference)", kind: .payment, paymentID: credit.bankReference,
                amount: credit.amount, occurredAt: credit.bookingDate.daysSinceEpoch * 86_400 + 43_200,
                customerID: customerID, accountID: accountID, method: .transfer)
            let (_, payment) = try Ledger.book(event, target: target, receivedAt: time, dateOf: dateOf, db: db)
            entry.paymentRowID = payment?.id
            entry.outcome = { if case .mismatch = outcome { .mismatch } else { .unmatched } }()
            try entry.insert(db)
            result.outcome = outcome
            result.payment = payment
            return result
        }
        guard let known, let reference = CreditorReference(known.reference) else {
            let reason = "no known RF reference" + (credit.payerName.map { " (payer \($0))" } ?? "") + ": \(credit.remittance)"
            return try keep(.unmatched(reason: String(reason.prefix(300))), customerID: nil, accountID: nil, outcome: .unmatched(reason: "no known RF reference"))
        }
        result.reference = reference
        result.customerID = known.customerID
        result.accountID = known.accountID
        entry.reference = known.reference
        guard let account = accounts[known.customerID + "/" + known.accountID] else {
            let reason = "reference \(reference.printed) belongs to \(known.customerID)/\(known.accountID), which is not in the content"
            return try keep(.unmatched(reason: reason), customerID: known.customerID, accountID: known.accountID, outcome: .unmatched(reason: reason))
        }
        guard account.currency == credit.amount.currency else {
            let reason = "\(credit.amount.currency.code) received on \(reference.printed), account \(known.accountID) is in \(account.currency.code)"
            return try keep(.currencyMismatch(customerID: known.customerID, accountID: account.id, reason: reason),
                            customerID: known.customerID, accountID: known.accountID, outcome: .mismatch(reason: reason))
        }

        let rows = try TransferRecord.filter(TransferRecord.Columns.reference == known.reference).order(Column("id")).fetchAll(db)
        // Approved by hand before the statement came (`approve --amount`): this entry is that money.
        if var approved = rows.first(where: { $0.status == .approved && $0.bankReference == nil && $0.receivedMinor == credit.amount.minorUnits }) {
            approved.bankReference = credit.bankReference
            approved.payerName = approved.payerName ?? credit.payerName
            try approved.update(db)
            entry.transferID = approved.id
            entry.paymentRowID = approved.paymentRowID
            entry.outcome = .approved
            try entry.insert(db)
            result.outcome = .approvedBefore
            result.transfer = approved
            return result
        }
        var row: TransferRecord
        if known.purpose == .request,
           let waiting = rows.first(where: { $0.status == .announced || $0.status == .expired }) {
            // The announced top-up arrived (late ones too: the money is here either way).
            row = waiting
            result.expected = waiting.expected
        } else {
            let purpose = known.purpose == .invoice ? PaymentEvent.Purpose.settle : .topUp
            row = TransferRecord(
                id: nil, reference: known.reference, kind: .receipt, customerID: known.customerID, accountID: known.accountID,
                invoiceNumber: known.transferPurpose?.invoiceNumber, purpose: purpose, currency: account.currency,
                expectedMinor: nil, status: .received, createdAt: time, expiresAt: nil)
            if known.purpose == .request {
                // A second transfer on a one-off reference: kept for the merchant to look at.
                row.note = "another transfer on a top-up request already " + (rows.first?.status.rawValue ?? "decided")
                row.expectedMinor = nil
            }
            if case .invoice(_, let number) = known.transferPurpose, let invoice = account.invoices.first(where: { $0.number == number }) {
                let paid = try Ledger.settlement(of: account, db: db, dateOf: dateOf).paid[number] ?? 0
                result.expected = Money(minorUnits: max(invoice.amount.minorUnits - paid, 0), currency: account.currency)
            }
        }
        row.status = .received
        row.receivedMinor = credit.amount.minorUnits
        row.receivedOn = credit.bookingDate.description
        row.payerName = credit.payerName
        row.bankReference = credit.bankReference
        if row.id == nil { try row.insert(db) } else { try row.update(db) }
        entry.transferID = row.id
        entry.outcome = .received
        try entry.insert(db)
        try Ledger.markDirty(known.customerID, at: time, db: db)
        result.outcome = .received
        result.transfer = row

        if approveMatched {
            switch try Ledger.approve(&row, amount: credit.amount, date: credit.bookingDate, customerID: known.customerID,
                                      account: account, at: time, dateOf: dateOf, db: db) {
            case .success(let approved):
                result.outcome = .approved
                result.transfer = approved.transfer
                result.payment = approved.payment
            case .failure:
                break // stays received; `transfers` lists it
            }
        }
        return result
    }
}
