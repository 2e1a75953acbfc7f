import CustomerCenterLedger
import CustomerCenterModel
import PostgresNIO

extension PostgresLedger {
    /// Imports a statement's credits in one transaction (the rules of `Ledger.importStatement`). The
    /// accounts of every reference involved are locked first, in sorted order: a credit approved here
    /// books like a callback and must see every booking on its account.
    public func importStatement(_ credits: [IncomingCredit], file: String, approveMatched: Bool, accounts: [String: Account], at time: Int,
                                dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> [ImportedCredit] {
        let path = self.path
        return try write("import statement \(file)", retryingConflicts: true) { session -> [ImportedCredit] in
            try PostgresLedger.lock(accounts.keys.sorted(), session: session)
            var results: [ImportedCredit] = []
            results.reserveCapacity(credits.count)
            for credit in credits {
                results.append(try PostgresLedger.importCredit(credit, file: file, approveMatched: approveMatched, accounts: accounts,
                                                               at: time, dateOf: dateOf, session: session, path: path))
            }
            return results
        }
    }

    static func insert(_ entry: StatementEntryRecord, session: PostgresSession) throws {
        try session.execute("""
            INSERT INTO statementEntry (bankReference, importedAt, file, bookingDate, amountMinor, currency, payerName, remittance,
                                        reference, outcome, transferID, paymentRowID)
            VALUES (\(entry.bankReference), \(entry.importedAt), \(entry.file), \(entry.bookingDate), \(entry.amountMinor),
                    \(entry.currency.code), \(entry.payerName), \(entry.remittance), \(entry.reference), \(entry.outcome.rawValue),
                    \(entry.transferID), \(entry.paymentRowID))
            """)
    }

    static func importCredit(_ credit: IncomingCredit, file: String, approveMatched: Bool, accounts: [String: Account],
                             at time: Int, dateOf: (Int) -> CalendarDate, session: PostgresSession, path: String) throws -> ImportedCredit {
        var result = ImportedCredit(credit: credit, outcome: .duplicate)
        if try session.exists("SELECT 1 FROM statementEntry WHERE bankReference = \(credit.bankReference)") { return result }
        var entry = StatementEntryRecord(
            bankReference: credit.bankReference, importedAt: time, file: file, bookingDate: credit.bookingDate.description,
            amountMinor: credit.amount.minorUnits, currency: credit.amount.currency, payerName: credit.payerName,
            remittance: credit.remittance, reference: nil, outcome: .unmatched)

        var known: TransferReferenceRecord?
        for candidate in credit.candidates {
            if let row = try session.first("SELECT * FROM transferReference WHERE reference = \(candidate.value)") {
                known = try TransferReferenceRecord(postgres: row)
                break
            }
        }
        func keep(_ target: BookingTarget, customerID: String?, accountID: String?, outcome: ImportedCredit.Outcome) throws -> ImportedCredit {
            let event = PaymentEvent(
                provider: Ledger.bankProvider, eventID: "statement-\(credit.bankReference)", kind: .payment, paymentID: credit.bankReference,
                amount: credit.amount, occurredAt: credit.bookingDate.daysSinceEpoch * 86_400 + 43_200,
                customerID: customerID, accountID: accountID, method: .transfer)
            let (_, payment) = try book(event, target: target, receivedAt: time, dateOf: dateOf, session: session)
            entry.paymentRowID = payment?.id
            entry.outcome = { if case .mismatch = outcome { .mismatch } else { .unmatched } }()
            try insert(entry, session: session)
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

        let rows = try transfers(on: known.reference, session: session)
        if var approved = rows.first(where: { $0.status == .approved && $0.bankReference == nil && $0.receivedMinor == credit.amount.minorUnits }) {
            approved.bankReference = credit.bankReference
            approved.payerName = approved.payerName ?? credit.payerName
            try update(approved, session: session)
            entry.transferID = approved.id
            entry.paymentRowID = approved.paymentRowID
            entry.outcome = .approved
            try insert(entry, session: session)
            result.outcome = .approvedBefore
            result.transfer = approved
            return result
        }
        var row: TransferRecord
        if known.purpose == .request,
           let waiting = rows.first(where: { $0.status == .announced || $0.status == .expired }) {
            row = waiting
            result.expected = waiting.expected
        } else {
            let purpose = known.purpose == .invoice ? PaymentEvent.Purpose.settle : .topUp
            row = TransferRecord(
                id: nil, reference: known.reference, kind: .receipt, customerID: known.customerID, accountID: known.accountID,
                invoiceNumber: known.transferPurpose?.invoiceNumber, purpose: purpose, currency: account.currency,
                expectedMinor: nil, status: .received, createdAt: time, expiresAt: nil)
            if known.purpose == .request {
                row.note = "another transfer on a top-up request already " + (rows.first?.status.rawValue ?? "decided")
                row.expectedMinor = nil
            }
            if case .invoice(_, let number) = known.transferPurpose, let invoice = account.invoices.first(where: { $0.number == number }) {
                let paid = try settlement(of: account, session: session, dateOf: dateOf).paid[number] ?? 0
                result.expected = Money(minorUnits: max(invoice.amount.minorUnits - paid, 0), currency: account.currency)
            }
        }
        row.status = .received
        row.receivedMinor = credit.amount.minorUnits
        row.receivedOn = credit.bookingDate.description
        row.payerName = credit.payerName
        row.bankReference = credit.bankReference
        if row.id == nil { row.id = try insert(row, session: session) } else { try update(row, session: session) }
        entry.transferID = row.id
        entry.outcome = .received
        try insert(entry, session: session)
        try markDirty(known.customerID, at: time, session: session)
        result.outcome = .received
        result.transfer = row

        if approveMatched {
            switch try approve(&row, amount: credit.amount, date: credit.bookingDate, customerID: known.customerID,
                               account: account, at: time, dateOf: dateOf, session: session, path: path) {
            case .success(let approved):
                result.outcome = .approved
                result.transfer = approved.transfer
                result.payment = approved.payment
            case .failure:
                break
            }
        }
        return result
    }
}
