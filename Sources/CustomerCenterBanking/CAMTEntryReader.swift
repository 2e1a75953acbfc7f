import CustomerCenterModel

/// Turns one `Ntry` element of a camt.053/camt.054 file into statement entries. Field paths are the
/// local names of versions 02 to 08 (both `Dbtr/Nm` and `Dbtr/Pty/Nm`, both `Sts` text and `Sts/Cd`).
struct CAMTEntryReader {
    /// The statement file, for errors.
    let file: String
    /// The 1-based number of this `Ntry` in the file.
    let number: Int
    /// The IBAN of the statement block the entry belongs to.
    let accountIBAN: String?

    /// What became of an entry.
    enum Outcome {
        /// Booked: one entry, or one per transaction of a batch.
        case booked([StatementEntry])
        /// Not booked (pending, information only, future): skipped but counted.
        case notBooked
    }

    /// The entries of `ntry`, or `.notBooked`.
    func read(_ ntry: CAMTElement) throws(StatementError) -> Outcome {
        // Version 02 to 07 write `<Sts>BOOK</Sts>`, version 08 `<Sts><Cd>BOOK</Cd></Sts>`.
        guard let status = ntry.text("Sts", "Cd") ?? ntry.text("Sts", "Prtry") ?? ntry.text("Sts") else {
            throw error(at: ntry, field: "Sts", .missing("the status (Sts)"))
        }
        guard status == "BOOK" else { return .notBooked }

        let direction = try self.direction(in: ntry, transaction: nil)
        guard let amountElement = ntry.element("Amt") else { throw error(at: ntry, field: "Amt", .missing("the amount (Amt)")) }
        let amount = try self.amount(amountElement, field: "Amt", transaction: nil)
        guard let bookingDate = try date(in: ntry, "BookgDt") else {
            throw error(at: ntry, field: "BookgDt", .missing("the booking date (BookgDt)"))
        }
        let valueDate = try date(in: ntry, "ValDt")
        let isReversal = ntry.text("RvslInd").map { $0 == "true" || $0 == "1" } ?? false
        let entryReference = ntry.text("AcctSvcrRef")
        let transactions = ntry.elements("NtryDtls", "TxDtls")

        // A single transaction is the entry itself: the booked amount and the entry's reference count.
        if transactions.count <= 1 {
            let details = transactions.first
            let entry = try makeEntry(position: .init(entry: number, line: ntry.line),
                                      reference: entryReference ?? details?.text("Refs", "AcctSvcrRef"),
                                      direction: direction, isReversal: isReversal, amount: amount,
                                      bookingDate: bookingDate, valueDate: valueDate, details: details, at: ntry)
            return .booked([entry])
        }

        // A batch: each transaction is its own payment, with its own amount and (derived) reference.
        var entries: [StatementEntry] = []
        for (offset, transaction) in transactions.enumerated() {
            let index = offset + 1
            let transactionDirection = transaction.element("CdtDbtInd") == nil
                ? direction : try self.direction(in: transaction, transaction: index)
            guard let amountElement = transaction.element("Amt") ?? transaction.element("AmtDtls", "TxAmt", "Amt") else {
                throw error(at: transaction, transaction: index, field: "TxDtls/Amt",
                            .missing("the transaction amount (TxDtls/Amt or TxDtls/AmtDtls/TxAmt/Amt)"))
            }
            let amount = try self.amount(amountElement, field: "TxDtls/Amt", transaction: index)
            // The index keeps a derived reference stable across re-imports of the same file.
            let reference = transaction.text("Refs", "AcctSvcrRef") ?? entryReference.map { "\($0)/\(index)" }
            entries.append(try makeEntry(position: .init(entry: number, transaction: index, line: transaction.line),
                                         reference: reference, direction: transactionDirection, isReversal: isReversal,
                                         amount: amount, bookingDate: bookingDate, valueDate: valueDate,
                                         details: transaction, at: transaction))
        }
        return .booked(entries)
    }

    /// An entry from the booking facts and the transaction details (`TxDtls`), when there are any.
    private func makeEntry(position: StatementEntry.Position, reference: String?, direction: StatementEntry.Direction,
                           isReversal: Bool, amount: Money, bookingDate: CalendarDate, valueDate: CalendarDate?,
                           details: CAMTElement?, at element: CAMTElement) throws(StatementError) -> StatementEntry {
        if direction == .credit, reference == nil {
            throw error(at: element, transaction: position.transaction, field: "AcctSvcrRef", .missingBankReference)
        }
        var entry = StatementEntry(position: position, bankReference: reference, direction: direction,
                                   isReversal: isReversal, amount: amount, bookingDate: bookingDate,
                                   valueDate: valueDate, accountIBAN: accountIBAN)
        guard let details else { return entry }
        if direction == .credit {
            entry.payerName = details.text("RltdPties", "Dbtr", "Nm") ?? details.text("RltdPties", "Dbtr", "Pty", "Nm")
                ?? details.text("RltdPties", "UltmtDbtr", "Nm") ?? details.text("RltdPties", "UltmtDbtr", "Pty", "Nm")
            entry.payerIBAN = details.text("RltdPties", "DbtrAcct", "Id", "IBAN").map(Self.compactIBAN)
        }
        // Banks write NOTPROVIDED when the payer gave no end-to-end id.
        entry.endToEndID = details.text("Refs", "EndToEndId").flatMap { $0 == "NOTPROVIDED" ? nil : $0 }
        entry.structuredReferences = details.elements("RmtInf", "Strd", "CdtrRefInf", "Ref").compactMap(\.trimmedText)
        entry.remittanceLines = (details.elements("RmtInf", "Ustrd") + details.elements("RmtInf", "Strd", "AddtlRmtInf"))
            .compactMap(\.trimmedText)
        return entry
    }

    /// `CdtDbtInd` of an entry or a transaction.
    private func direction(in element: CAMTElement, transaction: Int?) throws(StatementError) -> StatementEntry.Direction {
        guard let indicator = element.element("CdtDbtInd") else {
            throw error(at: element, transaction: transaction, field: "CdtDbtInd",
                        .missing("the credit/debit indicator (CdtDbtInd)"))
        }
        switch indicator.trimmedText {
        case "CRDT": return .credit
        case "DBIT": return .debit
        default:
            throw error(at: indicator, transaction: transaction, field: "CdtDbtInd",
                        .invalidIndicator(indicator.trimmedText ?? ""))
        }
    }

    /// An `Amt` element with its `Ccy` attribute, exactly.
    private func amount(_ element: CAMTElement, field: String, transaction: Int?) throws(StatementError) -> Money {
        guard let code = element.attributes["Ccy"]?.trimmingWhitespace(), !code.isEmpty else {
            throw error(at: element, transaction: transaction, field: field + "/@Ccy", .missing("the currency (Ccy)"))
        }
        guard let currency = Currency(code: code) else {
            throw error(at: element, transaction: transaction, field: field + "/@Ccy", .invalidCurrency(code))
        }
        guard let text = element.trimmedText else {
            throw error(at: element, transaction: transaction, field: field, .missing("the amount (\(field))"))
        }
        guard text.first != "-", text.first != "+" else {
            throw error(at: element, transaction: transaction, field: field,
                        .invalidAmount(text, currency: code, why: "camt amounts have no sign; CdtDbtInd says which way"))
        }
        do {
            return try Money.statementAmount(text, currency: currency, decimalComma: false)
        } catch {
            throw self.error(at: element, transaction: transaction, field: field,
                             .invalidAmount(text, currency: code, why: error.description))
        }
    }

    /// `Dt`, or the date part of `DtTm`, under `name` (`BookgDt`, `ValDt`); nil when absent.
    private func date(in ntry: CAMTElement, _ name: String) throws(StatementError) -> CalendarDate? {
        guard let holder = ntry.element(name) else { return nil }
        guard let element = holder.element("Dt") ?? holder.element("DtTm"), let text = element.trimmedText else {
            throw error(at: holder, field: name, .missing("the date (\(name)/Dt or \(name)/DtTm)"))
        }
        guard let date = CalendarDate(statementText: text) else {
            throw error(at: element, field: "\(name)/\(element.name)", .invalidDate(text))
        }
        return date
    }

    private func error(at element: CAMTElement, transaction: Int? = nil, field: String,
                       _ reason: StatementError.Reason) -> StatementError {
        StatementError(file: file, line: element.line, entry: number, transaction: transaction, field: field, reason: reason)
    }

    /// `DE89 3704 0044 ...` as `DE893704...`.
    static func compactIBAN(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)).uppercased()
    }
}
