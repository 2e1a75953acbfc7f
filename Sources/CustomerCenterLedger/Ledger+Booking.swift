import CustomerCenterModel
import GRDB

extension Ledger {
    /// Books `event` exactly once, in one durable transaction, and returns what happened.
    ///
    /// - An event id seen before books nothing (`duplicateEvent`).
    /// - A payment (or refund) id seen before books nothing (`duplicatePayment`), whatever event carries it.
    /// - Unknown customers, accounts and invoices, and a currency that differs from the account's, are
    ///   kept (`unmatched`) and never booked as if they matched.
    /// - A refund goes to its payment's account; one that arrives first waits for its payment. Each
    ///   refund counts once, whatever shape and order its events have (`bookRefund`).
    /// - The allocation change (invoices settled or reopened, credit) is recorded, and the customer's
    ///   page is marked for regeneration in the same transaction, so a crash cannot lose it.
    /// - Parameter dateOf: the merchant's calendar day of a Unix time, for ordering payments.
    public func book(_ event: PaymentEvent, target: BookingTarget, receivedAt: Int,
                     dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> BookingOutcome {
        try write("book event \(event.provider)/\(event.eventID)") { db in
            try Ledger.book(event, target: target, receivedAt: receivedAt, dateOf: dateOf, db: db).outcome
        }
    }

    /// `book` inside a transaction the caller holds (transfer approvals book and update their own
    /// rows in one transaction). Returns the outcome and the payment row, when one was written.
    static func book(_ event: PaymentEvent, target: BookingTarget, receivedAt: Int, dateOf: (Int) -> CalendarDate,
                     db: Database, booked cache: AccountPayments? = nil)
        throws -> (outcome: BookingOutcome, row: LedgerPayment?) {
        // Hot path of every callback: statements are prepared once per connection (cached), not
        // generated from the query interface on each booking.
        let seen = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM event WHERE provider = ? AND eventID = ? LIMIT 1"),
                                     arguments: [event.provider, event.eventID]) ?? false
        if seen { return (.duplicateEvent, nil) }
        if event.kind == .refund {
            return try bookRefund(event, target: target, receivedAt: receivedAt, dateOf: dateOf, db: db, booked: cache)
        }

        var row = LedgerPayment(
            id: nil, provider: event.provider, providerPaymentID: event.paymentID, kind: event.kind,
            refundID: "", status: .booked, customerID: nil, accountID: nil,
            invoiceNumber: event.invoiceNumber, purpose: event.purpose, method: event.method,
            amountMinor: event.amount.minorUnits, currency: event.amount.currency,
            occurredAt: event.occurredAt, bookedAt: receivedAt, sourceEvent: event.eventID, note: nil)

        let existing = try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM payment WHERE provider = ? AND providerPaymentID = ? AND kind = ? AND refundID = ? LIMIT 1"),
            arguments: [row.provider, row.providerPaymentID, row.kind, row.refundID]) ?? false
        if existing {
            try Ledger.recordEvent(event, outcome: .duplicatePayment, detail: nil, receivedAt: receivedAt, db: db)
            return (.duplicatePayment, nil)
        }

        var account: Account?
        let outcome: BookingOutcome
        switch target {
        case .account(let customerID, let matched):
            row.customerID = customerID
            row.accountID = matched.id
            account = matched
            outcome = .booked(customerID: customerID)
        case .unmatched(let reason):
            row.status = .unmatched
            row.customerID = event.customerID
            row.accountID = event.accountID
            row.note = reason
            outcome = .unmatched(reason: reason)
        case .currencyMismatch(let customerID, let accountID, let reason):
            row.status = .mismatch
            row.customerID = customerID
            row.accountID = accountID
            row.note = reason
            outcome = .unmatched(reason: reason)
        }

        // The checkout this payment completes, read before the allocation: the invoices its customer
        // ticked (a selection form) go with the payment to the same account, and are settled first.
        var pending: PendingPayment?
        if let checkoutID = event.checkoutID {
            pending = try PendingPayment.fetchOne(db.cachedStatement(sql: "SELECT * FROM pendingPayment WHERE checkoutID = ?"),
                                                  arguments: [checkoutID])
        }
        if let pending, !pending.selectedInvoices.isEmpty, pending.customerID == row.customerID, pending.accountID == row.accountID {
            row.selectedInvoices = pending.selectedInvoices
        }

        // The account's booked rows are read once: the settlement after this booking is the one
        // before plus this row and the refunds it releases (the only rows this transaction changes).
        let bookedBefore = try account.map { account in
            try cache?.accounts[account.id] ?? Ledger.bookedPayments(of: account, db: db, dateOf: dateOf)
        }
        try row.insertPrepared(db)
        let attached = try Ledger.attachRefunds(of: row, statuses: [.waiting], db: db)
        // Any other account whose booked rows changed here is read again next time.
        for touched in [row] + attached where touched.status == .booked {
            if let id = touched.accountID, id != account?.id { cache?.forget(id) }
        }
        if let account, let bookedBefore, row.status == .booked, let rowID = row.id {
            let before = cache?.settlement(of: account) ?? Ledger.settlement(of: account, booked: bookedBefore, dateOf: dateOf)
            let added = ([row] + attached).filter { $0.accountID == account.id }.compactMap { $0.recorded(dateOf: dateOf) }
            let after = Ledger.settlement(of: account, booked: bookedBefore + added, dateOf: dateOf)
            cache?.keep(account, booked: bookedBefore + added, settlement: after)
            for (invoice, delta) in after.difference(from: before) {
                var allocation = LedgerAllocation(id: nil, paymentRowID: rowID, invoiceNumber: invoice, amountMinor: delta)
                try allocation.insertPrepared(db)
            }
        }
        if var pending {
            // Booked as actually paid; a difference from what the checkout started with is flagged.
            pending.status = .completed
            if pending.amountMinor != row.amountMinor || pending.currency != row.currency {
                let flag = "paid \(row.amountMinor) \(row.currency.code), checkout started with \(pending.amountMinor) \(pending.currency.code)"
                pending.note = flag
                row.note = (row.note.map { $0 + "; " } ?? "") + flag
                try row.update(db)
            }
            try pending.update(db)
            try Ledger.markDirty(pending.customerID, at: receivedAt, db: db)
        }
        if case .booked(let customerID) = outcome, !customerID.isEmpty {
            try Ledger.markDirty(customerID, at: receivedAt, db: db)
        }
        try Ledger.recordEvent(event, outcome: outcome, detail: row.note, receivedAt: receivedAt, db: db)
        return (outcome, row)
    }

    /// Refunds of `payment` in one of `statuses` follow it: to its account and status (booked,
    /// unmatched or mismatch), or to `mismatch` when their currency differs from the payment's.
    /// Returns the refunds as updated.
    @discardableResult
    static func attachRefunds(of payment: LedgerPayment, statuses: [LedgerPayment.Status], db: Database) throws -> [LedgerPayment] {
        let refunds = try LedgerPayment.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM payment WHERE provider = ? AND providerPaymentID = ? AND kind = 'refund'"),
            arguments: [payment.provider, payment.providerPaymentID])
        var attached: [LedgerPayment] = []
        for var refund in refunds where statuses.contains(refund.status) {
            refund.follow(payment)
            try refund.update(db)
            attached.append(refund)
        }
        return attached
    }

    static func recordEvent(_ event: PaymentEvent, outcome: BookingOutcome, detail: String?, receivedAt: Int, db: Database) throws {
        var record = LedgerEvent(id: nil, provider: event.provider, eventID: event.eventID, receivedAt: receivedAt,
                                 outcome: outcome.stored, detail: detail)
        try record.insertPrepared(db)
    }

    /// Marks `customerID`'s page. `markedAt` is a version that only grows (a clock in the same second
    /// could repeat), so clearing the version a page was written for never clears a newer mark.
    static func markDirty(_ customerID: String, at time: Int, db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO dirtyPage (customerID, markedAt) VALUES (?, ?)
            ON CONFLICT (customerID) DO UPDATE SET markedAt = max(excluded.markedAt, dirtyPage.markedAt + 1)
            """).execute(arguments: [customerID, time])
    }

    /// Paid amount per invoice and credit (key nil) of `account` with everything booked so far.
    static func settlement(of account: Account, db: Database, dateOf: (Int) -> CalendarDate) throws -> Settlement {
        settlement(of: account, booked: try bookedPayments(of: account, db: db, dateOf: dateOf), dateOf: dateOf)
    }

    /// What is booked to `account`, read with only the columns allocation needs (every booking reads
    /// this, and an account's rows only grow). A stored value no Swift value stands for throws.
    static func bookedPayments(of account: Account, db: Database, dateOf: (Int) -> CalendarDate) throws -> [RecordedPayment] {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT id, provider, kind, providerPaymentID, amountMinor, currency, occurredAt, invoiceNumber, purpose, method, invoiceNumbers
            FROM payment WHERE accountID = ? AND status = 'booked'
            """), arguments: [account.id])
        var booked: [RecordedPayment] = []
        while let row = try rows.next() {
            let read = LedgerRowReader(row, table: LedgerPayment.databaseTableName)
            booked.append(RecordedPayment(
                provider: try read("provider"), kind: try read("kind"), paymentID: try read("providerPaymentID"),
                amount: Money(minorUnits: try read("amountMinor"), currency: try read("currency")),
                date: dateOf(try read("occurredAt")), accountID: account.id, invoiceNumber: try read("invoiceNumber"),
                purpose: try read("purpose"), method: try read("method"), selectedInvoices: try InvoiceSelectionColumn.read(read)))
        }
        return booked
    }

    /// The settlement of `account` with `booked` on it.
    package static func settlement(of account: Account, booked: [RecordedPayment], dateOf: (Int) -> CalendarDate) -> Settlement {
        let statement = AccountStatement(account: account.including(booked), asOf: dateOf(0))
        var paid: [String?: Int] = [nil: statement.credit.minorUnits]
        for line in statement.invoices { paid[line.invoice.number] = line.paid.minorUnits }
        return Settlement(paid: paid)
    }
}

/// Paid amounts per invoice (and credit under nil), to record what a booking changed.
package struct Settlement: Sendable {
    package var paid: [String?: Int]

    /// Non-zero changes from `before` to this, invoices by number, credit last.
    package func difference(from before: Settlement) -> [(String?, Int)] {
        let keys = Set(paid.keys).union(before.paid.keys)
        return keys.compactMap { key -> (String?, Int)? in
            let delta = (paid[key] ?? 0) - (before.paid[key] ?? 0)
            return delta == 0 ? nil : (key, delta)
        }.sorted { ($0.0 ?? "\u{10FFFF}") < ($1.0 ?? "\u{10FFFF}") }
    }
}

extension Ledger {
    /// One booking request of a group commit (`BookingRequest`; named here as callers know it).
    public typealias BookingRequest = CustomerCenterLedger.BookingRequest

    /// Books `requests` in one durable transaction (one fsync for all: a group commit), each in its own
    /// savepoint so that one failing booking leaves the others intact. Outcomes in request order; a
    /// failed one carries its error, naming the event. Throws, booking nothing, when the transaction
    /// itself cannot commit.
    public func book(_ requests: [BookingRequest], dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError)
        -> [Result<BookingOutcome, LedgerError>] {
        do throws(LedgerError) {
            let (outcomes, kept) = try naming("book \(requests.count) events") { try restoreFullSynchronousIfNeeded(); return try pool.write { db in
                // The booked payments of accounts booked to before, kept between group commits: valid while
                // no other connection committed (`data_version`) and no other write of this process ran.
                let version = try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
                var kept = bookedPayments.withLock { kept -> BookedPayments in
                    kept.version == version && kept.generation == writeGeneration.withLock { $0 } ? kept : BookedPayments()
                }
                if kept.accounts.count > 10_000 { kept = BookedPayments() }  // bounds the memory of a long-running receiver
                let booked = AccountPayments(kept)
                var outcomes: [Result<BookingOutcome, LedgerError>] = []
                outcomes.reserveCapacity(requests.count)
                for request in requests {
                    var outcome: BookingOutcome?
                    do {
                        try db.inSavepoint {
                            outcome = try Ledger.book(request.event, target: request.target, receivedAt: request.receivedAt,
                                                      dateOf: dateOf, db: db, booked: booked).outcome
                            return .commit
                        }
                    } catch {
                        // The savepoint rolled this booking back: what it kept may be wrong, and is read
                        // again. (Not a copy taken before each booking: that copied every kept account.)
                        booked.forgetAll()
                        outcomes.append(.failure(LedgerError(path: path, action: "book event \(request.event.provider)/\(request.event.eventID)",
                                                             reason: "\(error)")))
                        continue
                    }
                    if let outcome {
                        outcomes.append(.success(outcome))
                    } else {
                        outcomes.append(.failure(LedgerError(path: path, action: "book event \(request.event.provider)/\(request.event.eventID)",
                                                             reason: "the savepoint ended without an outcome")))
                    }
                }
                return (outcomes, BookedPayments(version: version, generation: writeGeneration.withLock { $0 }, accounts: booked.accounts,
                                                 settlements: booked.settlements))
            } }
            // Kept only once committed, and only if no other write slipped in since (it bumps the generation).
            bookedPayments.withLock { if kept.generation == writeGeneration.withLock({ $0 }) { $0 = kept } }
            return outcomes
        } catch {
            bookedPayments.withLock { $0 = BookedPayments() }
            throw error
        }
    }
}

/// The booked payments of accounts, as one group commit reads and changes them, and the settlement
/// each account's payments come to: the next booking to the account starts from it instead of
/// settling every payment again (half of a booking's work). A settlement is used only for the very
/// account (its invoices, from the content) it was computed for, and is forgotten with its payments.
final class AccountPayments {
    private(set) var accounts: [String: [RecordedPayment]]
    private(set) var settlements: [String: (account: Account, settlement: Settlement)]

    init(_ kept: BookedPayments) {
        accounts = kept.accounts
        settlements = kept.settlements
    }

    /// The settlement of `account`'s kept payments, if it was computed for this same account.
    func settlement(of account: Account) -> Settlement? {
        guard accounts[account.id] != nil, let kept = settlements[account.id], kept.account == account else { return nil }
        return kept.settlement
    }

    /// Keeps `booked` as `account`'s payments, and `settlement` (nil: unknown) as what they come to.
    func keep(_ account: Account, booked: [RecordedPayment], settlement: Settlement?) {
        accounts[account.id] = booked
        settlements[account.id] = settlement.map { (account, $0) }
    }

    /// The account's payments changed in a way not kept here: read again next time.
    func forget(_ accountID: String) {
        accounts[accountID] = nil
        settlements[accountID] = nil
    }

    func forgetAll() {
        accounts = [:]
        settlements = [:]
    }
}

/// What `Ledger.book(_:dateOf:)` keeps between group commits (see there).
struct BookedPayments: Sendable {
    var version = -1
    var generation = -1
    var accounts: [String: [RecordedPayment]] = [:]
    var settlements: [String: (account: Account, settlement: Settlement)] = [:]
}
