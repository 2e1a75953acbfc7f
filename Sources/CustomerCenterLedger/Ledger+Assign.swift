import CustomerCenterModel
import GRDB

extension Ledger {
    /// Why an unmatched entry cannot be assigned (`AssignProblem`; named here as callers know it).
    public typealias AssignProblem = CustomerCenterLedger.AssignProblem

    /// Books the unmatched entry `rowID` to `account` of `customerID` (`customer-center assign`),
    /// recording its allocation and marking the page, in one transaction.
    public func assign(rowID: Int64, customerID: String, account: Account, invoiceNumber: String?, at time: Int,
                       dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> Result<LedgerPayment, AssignProblem> {
        try write("assign entry \(rowID)") { db -> Result<LedgerPayment, AssignProblem> in
            guard var row = try LedgerPayment.fetchOne(db, key: rowID) else { return .failure(.noSuchEntry(rowID)) }
            guard row.status == .unmatched || row.status == .mismatch else {
                return .failure(.notUnmatched(rowID, status: row.status.rawValue))
            }
            guard row.currency == account.currency else {
                return .failure(.currencyDiffers(entry: row.currency.code, account: account.currency.code))
            }
            let before = try Ledger.settlement(of: account, db: db, dateOf: dateOf)
            row.status = .booked
            row.customerID = customerID
            row.accountID = account.id
            row.invoiceNumber = invoiceNumber
            row.note = (row.note.map { $0 + "; " } ?? "") + "assigned by hand"
            try row.update(db)
            // A payment's refunds (waiting, or kept unmatched with it) go with it.
            if row.kind == .payment {
                try Ledger.attachRefunds(of: row, statuses: [.waiting, .unmatched, .mismatch], db: db)
            }
            let after = try Ledger.settlement(of: account, db: db, dateOf: dateOf)
            for (invoice, delta) in after.difference(from: before) {
                var allocation = LedgerAllocation(id: nil, paymentRowID: rowID, invoiceNumber: invoice, amountMinor: delta)
                try allocation.insert(db)
            }
            try Ledger.markDirty(customerID, at: time, db: db)
            return .success(row)
        }
    }
}
