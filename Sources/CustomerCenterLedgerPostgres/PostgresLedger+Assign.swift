import CustomerCenterLedger
import CustomerCenterModel
import PostgresNIO

extension PostgresLedger {
    /// Books the unmatched entry `rowID` to `account` by hand, with its allocation and page mark, in one
    /// transaction under the account's lock (the rules of `Ledger.assign`).
    public func assign(rowID: Int64, customerID: String, account: Account, invoiceNumber: String?, at time: Int,
                       dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> Result<LedgerPayment, AssignProblem> {
        try write("assign entry \(rowID)") { session -> Result<LedgerPayment, AssignProblem> in
            try PostgresLedger.lock([PostgresLedger.lockKey(customerID: customerID, accountID: account.id)], session: session)
            guard let found = try session.first("SELECT * FROM payment WHERE id = \(rowID) FOR UPDATE") else { return .failure(.noSuchEntry(rowID)) }
            var row = try LedgerPayment(postgres: found)
            guard row.status == .unmatched || row.status == .mismatch else {
                return .failure(.notUnmatched(rowID, status: row.status.rawValue))
            }
            guard row.currency == account.currency else {
                return .failure(.currencyDiffers(entry: row.currency.code, account: account.currency.code))
            }
            let before = try PostgresLedger.settlement(of: account, session: session, dateOf: dateOf)
            row.status = .booked
            row.customerID = customerID
            row.accountID = account.id
            row.invoiceNumber = invoiceNumber
            row.note = (row.note.map { $0 + "; " } ?? "") + "assigned by hand"
            try session.execute("""
                UPDATE payment SET status = 'booked', customerID = \(customerID), accountID = \(account.id), invoiceNumber = \(invoiceNumber),
                    note = \(row.note) WHERE id = \(rowID)
                """)
            if row.kind == .payment {
                try PostgresLedger.attachRefunds(of: row, statuses: [.waiting, .unmatched, .mismatch], session: session)
            }
            let after = try PostgresLedger.settlement(of: account, session: session, dateOf: dateOf)
            try PostgresLedger.insertAllocations(after.difference(from: before), paymentRowID: rowID, session: session)
            try PostgresLedger.markDirty(customerID, at: time, session: session)
            return .success(row)
        }
    }
}
