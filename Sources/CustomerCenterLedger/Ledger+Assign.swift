import CustomerCenterModel
import GRDB

extension Ledger {
    /// Why an unmatched entry cannot be assigned.
    public enum AssignProblem: Error, Equatable, Sendable, CustomStringConvertible {
        case noSuchEntry(Int64)
        case notUnmatched(Int64, status: String)
        case currencyDiffers(entry: String, account: String)

        public var description: String {
            switch self {
            case .noSuchEntry(let id): "no ledger entry \(id)"
            case .notUnmatched(let id, let status): "entry \(id) is \(status), not unmatched; it cannot be assigned twice"
            case .currencyDiffers(let entry, let account): "the entry is in \(entry), the account in \(account)"
            }
        }
    }

    /// Books the unmatched entry `rowID` to `account` of `customerID` (`customer-center assign`),
    /// recording its allocation and marking the page, in one transaction.
    public func assign(rowID: Int64, customerID: String, account: Account, invoiceNumber: String?, at time: Int,
                       dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> Result<LedgerPayment, AssignProblem> {
        try write("assign entry \(rowID)") { db -> Result<LedgerPayment, AssignProblem> in
            guard var row = try LedgerPayment.fetchOne(db, key: rowID) else { return .failure(.noSuchEntry(rowID)) }
            guard row.status == .unmatched || row.status == .mismatch else {
                return .failure(.notUnmatched(rowID, status: row.status.rawValue))
            }
            guard row.currency == account.currency.code else {
                return .failure(.currencyDiffers(entry: row.currency, account: account.currency.code))
            }
            let before = try Ledger.settlement(of: account, db: db, dateOf: dateOf)
            row.status = .booked
            row.customerID = customerID
            row.accountID = account.id
            row.invoiceNumber = invoiceNumber
            row.note = (row.note.map { $0 + "; " } ?? "") + "assigned by hand"
            try row.update(db)
            // A payment's refunds (waiting, or kept unmatched with it) go with it.
            if row.kind == PaymentEvent.Kind.payment.rawValue {
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
