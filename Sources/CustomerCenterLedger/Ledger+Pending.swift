import CustomerCenterModel
import GRDB

extension Ledger {
    /// Records a checkout the customer just started, and marks their page (it shows the pending payment).
    public func recordPending(_ pending: PendingPayment) throws(LedgerError) -> PendingPayment {
        try write("record checkout \(pending.checkoutID)") { db in
            var row = pending
            try row.insert(db)
            try Ledger.markDirty(row.customerID, at: row.createdAt, db: db)
            return row
        }
    }

    /// Sets the status of checkout `checkoutID` (failed, cancelled, completed) unless it already ended,
    /// and marks the page. Returns the checkout, or nil when there is none.
    @discardableResult
    public func finishPending(checkoutID: String, status: CheckoutStatus, note: String?, at time: Int) throws(LedgerError) -> PendingPayment? {
        try write("update checkout \(checkoutID)") { db in
            guard var row = try PendingPayment.filter(PendingPayment.Columns.checkoutID == checkoutID).fetchOne(db) else { return nil }
            guard row.status == .pending || (row.status != .completed && status == .completed) else { return row }
            row.status = status
            if let note { row.note = note }
            try row.update(db)
            try Ledger.markDirty(row.customerID, at: time, db: db)
            return row
        }
    }

    /// The checkout `checkoutID`.
    public func pending(checkoutID: String) throws(LedgerError) -> PendingPayment? {
        try read("read checkout \(checkoutID)") { db in
            try PendingPayment.filter(PendingPayment.Columns.checkoutID == checkoutID).fetchOne(db)
        }
    }

    /// The customer's checkouts that are still open or ended without money, newest first, as the model's
    /// view for pages. Completed ones are left out: the booked payment shows instead.
    public func checkouts(customerID: String, now: Int, dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> [PendingCheckout] {
        let rows = try read("read checkouts of \(customerID)") { db in
            try PendingPayment.filter(PendingPayment.Columns.customerID == customerID).order(Column("id").desc).fetchAll(db)
        }
        return rows.compactMap { Ledger.checkoutView($0, now: now, dateOf: dateOf) }
    }

    /// A checkout as a page shows it, or nil when the page no longer shows it.
    package static func checkoutView(_ row: PendingPayment, now: Int, dateOf: (Int) -> CalendarDate) -> PendingCheckout? {
        guard row.status != .completed else { return nil }
        let status: CheckoutStatus = row.status == .pending && now > row.expiresAt ? .expired : row.status
        // A checkout that ended without money is news for a week, then it is history.
        if status != .pending, now - max(row.createdAt, row.expiresAt) > 7 * 86_400 { return nil }
        return PendingCheckout(accountID: row.accountID, amount: row.amount, method: row.method,
                               started: dateOf(row.createdAt), status: status)
    }
}

extension Ledger {
    /// Everything the ledger adds to `customerID`'s page, as of `now`.
    public func activity(customerID: String, now: Int, dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> CustomerActivity {
        try activities(customerIDs: [customerID], now: now, dateOf: dateOf)[customerID] ?? .none
    }
}
