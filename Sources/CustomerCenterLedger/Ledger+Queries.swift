import CustomerCenterModel
import GRDB

extension Ledger {
    /// Every ledger entry of `customerID`, oldest first.
    public func entries(customerID: String) throws(LedgerError) -> [LedgerPayment] {
        try read("read the payments of \(customerID)") { db in
            try LedgerPayment.filter(LedgerPayment.Columns.customerID == customerID).order(Column("id")).fetchAll(db)
        }
    }

    /// Booked money of `customerID`, as the model's recorded payments for rendering.
    public func recordedPayments(customerID: String, dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> [RecordedPayment] {
        try entries(customerID: customerID).compactMap { $0.recorded(dateOf: dateOf) }
    }

    /// The payment `paymentID` of `provider`, if the ledger holds it.
    public func payment(provider: String, paymentID: String) throws(LedgerError) -> LedgerPayment? {
        try read("find payment \(paymentID)") { db in
            try LedgerPayment
                .filter(LedgerPayment.Columns.provider == provider && LedgerPayment.Columns.providerPaymentID == paymentID
                    && LedgerPayment.Columns.kind == PaymentEvent.Kind.payment)
                .fetchOne(db)
        }
    }

    /// The allocation rows of one entry.
    public func allocations(paymentRowID: Int64) throws(LedgerError) -> [LedgerAllocation] {
        try read("read allocations") { db in
            try LedgerAllocation.filter(LedgerAllocation.Columns.paymentRowID == paymentRowID).order(Column("id")).fetchAll(db)
        }
    }

    /// Money not booked to an account: unknown customer, account or invoice, or a currency mismatch.
    public func unmatched() throws(LedgerError) -> [LedgerPayment] {
        try read("list unmatched payments") { db in
            try LedgerPayment
                .filter([LedgerPayment.Status.unmatched, LedgerPayment.Status.mismatch].contains(LedgerPayment.Columns.status))
                .order(Column("id")).fetchAll(db)
        }
    }

    /// All events received, oldest first.
    public func events() throws(LedgerError) -> [LedgerEvent] {
        try read("list events") { db in try LedgerEvent.order(Column("id")).fetchAll(db) }
    }

    /// Customers whose pages still need regenerating, with the time they were marked.
    public func dirtyPages() throws(LedgerError) -> [DirtyPage] {
        try read("list pages to regenerate") { db in try DirtyPage.order(DirtyPage.Columns.markedAt).fetchAll(db) }
    }

    /// The marks of `customerIDs` that are set.
    public func dirtyPages(customerIDs: [String]) throws(LedgerError) -> [DirtyPage] {
        try read("read page marks") { db in try DirtyPage.filter(keys: customerIDs).fetchAll(db) }
    }

    /// Claims the pages of `customerIDs` for `claimer` (`LedgerStore.claimPages`), in one transaction
    /// that does not wait for the flush: a lost claim only lets another process write the page too.
    public func claimPages(_ customerIDs: [String], creatingMarks: Bool, claimer: String, lease: Int, now: Int,
                           hasEnded: @escaping @Sendable (String) -> Bool) throws(LedgerError) -> PageClaim {
        guard !customerIDs.isEmpty else { return PageClaim() }
        let until = PageClaim.leaseEnd(now: now, lease: lease)
        return try writeUnflushed("claim pages") { db in
            if creatingMarks {
                for customerID in customerIDs {
                    try db.cachedStatement(sql: "INSERT INTO dirtyPage (customerID, markedAt) VALUES (?, ?) ON CONFLICT (customerID) DO NOTHING")
                        .execute(arguments: [customerID, now])
                }
            }
            var claim = PageClaim()
            for part in Ledger.hostParameterParts(customerIDs) {
                let rows = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT customerID, markedAt, claimedBy, claimedUntil FROM dirtyPage
                    WHERE customerID IN (\(databaseQuestionMarks(count: part.count))) ORDER BY customerID
                    """), arguments: StatementArguments(part))
                for row in rows {
                    let mark = DirtyPage(customerID: row["customerID"], markedAt: row["markedAt"])
                    guard PageClaim.canTake(claimedBy: row["claimedBy"], claimedUntil: row["claimedUntil"], claimer: claimer, now: now,
                                            hasEnded: hasEnded) else {
                        claim.heldElsewhere.append(mark.customerID)
                        continue
                    }
                    try db.cachedStatement(sql: "UPDATE dirtyPage SET claimedBy = ?, claimedUntil = ? WHERE customerID = ?")
                        .execute(arguments: [claimer, until, mark.customerID])
                    claim.marks.append(mark)
                }
            }
            return claim
        }
    }

    /// Clears the marks of `pages` once their pages are written (a mark a newer booking set stays, and
    /// loses `claimer`'s claim), keeping the GiroCodes drawn for those pages in the same transaction.
    /// Not flushed: should a crash lose it, the marks only cause one more regeneration.
    public func clearDirty(_ pages: [DirtyPage], savingGiroCodes codes: [String: StoredGiroCode], releasing claimer: String?) throws(LedgerError) {
        guard !pages.isEmpty || !codes.isEmpty else { return }
        _ = try writeUnflushed("clear page marks") { db in
            for page in pages {
                try db.cachedStatement(sql: "DELETE FROM dirtyPage WHERE customerID = ? AND markedAt <= ?")
                    .execute(arguments: [page.customerID, page.markedAt])
                if let claimer {
                    try db.cachedStatement(sql: "UPDATE dirtyPage SET claimedBy = NULL, claimedUntil = NULL WHERE customerID = ? AND claimedBy = ?")
                        .execute(arguments: [page.customerID, claimer])
                }
            }
            try Ledger.saveGiroCodes(codes, db: db)
        }
    }
}
