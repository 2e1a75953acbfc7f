import CustomerCenterLedger
import CustomerCenterModel
import PostgresNIO

extension PostgresLedger {
    /// Records a checkout just started and marks the customer's page.
    public func recordPending(_ pending: PendingPayment) throws(LedgerError) -> PendingPayment {
        try write("record checkout \(pending.checkoutID)") { session in
            var row = pending
            row.id = try session.integer("""
                INSERT INTO pendingPayment (provider, checkoutID, customerID, accountID, invoiceNumber, purpose, method, amountMinor,
                                            currency, createdAt, expiresAt, status, note, invoiceNumbers)
                VALUES (\(row.provider), \(row.checkoutID), \(row.customerID), \(row.accountID), \(row.invoiceNumber),
                        \(row.purpose.rawValue), \(row.method.rawValue), \(row.amountMinor), \(row.currency.code), \(row.createdAt),
                        \(row.expiresAt), \(row.status.rawValue), \(row.note), \(InvoiceSelectionText.stored(row.selectedInvoices)))
                RETURNING id
                """)
            try PostgresLedger.markDirty(row.customerID, at: row.createdAt, session: session)
            return row
        }
    }

    /// Ends checkout `checkoutID` with `status` unless it already ended, and marks the page.
    @discardableResult
    public func finishPending(checkoutID: String, status: CheckoutStatus, note: String?, at time: Int) throws(LedgerError) -> PendingPayment? {
        try write("update checkout \(checkoutID)") { session in
            guard let found = try session.first("SELECT * FROM pendingPayment WHERE checkoutID = \(checkoutID) FOR UPDATE") else { return nil }
            var row = try PendingPayment(postgres: found)
            guard row.status == .pending || (row.status != .completed && status == .completed) else { return row }
            row.status = status
            if let note { row.note = note }
            try session.execute("UPDATE pendingPayment SET status = \(row.status.rawValue), note = \(row.note) WHERE id = \(row.id)")
            try PostgresLedger.markDirty(row.customerID, at: time, session: session)
            return row
        }
    }

    /// The checkout `checkoutID`.
    public func pending(checkoutID: String) throws(LedgerError) -> PendingPayment? {
        try read("read checkout \(checkoutID)") { session in
            try session.first("SELECT * FROM pendingPayment WHERE checkoutID = \(checkoutID)").map { try PendingPayment(postgres: $0) }
        }
    }
}
