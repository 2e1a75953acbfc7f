import CustomerCenterLedger
import CustomerCenterModel
import PostgresNIO

extension PostgresLedger {
    /// Books `event` exactly once, in one durable transaction (the rules of `Ledger.book`).
    public func book(_ event: PaymentEvent, target: BookingTarget, receivedAt: Int,
                     dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> BookingOutcome {
        try write("book event \(event.provider)/\(event.eventID)", retryingConflicts: true) { session in
            try PostgresLedger.lockAccounts(of: [target], session: session)
            return try PostgresLedger.book(event, target: target, receivedAt: receivedAt, dateOf: dateOf, session: session).outcome
        }
    }

    /// The advisory-lock key of an account: bookings on it hold this lock until they commit.
    static func lockKey(customerID: String, accountID: String) -> String { customerID + "/" + accountID }

    /// Takes the account locks of `targets`, sorted, so that two transactions never wait for each other in a circle.
    static func lockAccounts(of targets: [BookingTarget], session: PostgresSession) throws {
        var keys: Set<String> = []
        for target in targets {
            if case .account(let customerID, let account) = target { keys.insert(lockKey(customerID: customerID, accountID: account.id)) }
        }
        try lock(keys.sorted(), session: session)
    }

    /// Takes the account locks `keys`, in byte order of the keys (the same order in every instance).
    static func lock(_ keys: [String], session: PostgresSession) throws {
        guard !keys.isEmpty else { return }
        // Namespace 1: accounts (0 is the migrations' lock). A hashtext collision only serialises more.
        try session.execute("""
            SELECT count(pg_advisory_xact_lock(1, hashtext(key)))
            FROM (SELECT key FROM unnest(\(keys)::text[]) AS k(key) ORDER BY key COLLATE "C") AS ordered
            """)
    }

    /// `book` inside a transaction the caller holds, whose account locks are taken. Returns the
    /// outcome and the payment row, when one was written.
    static func book(_ event: PaymentEvent, target: BookingTarget, receivedAt: Int, dateOf: (Int) -> CalendarDate,
                     session: PostgresSession, booked cache: BookedAccounts? = nil) throws -> (outcome: BookingOutcome, row: LedgerPayment?) {
        // One round trip for both uniqueness checks on the hot path.
        let row0 = try session.first("""
            SELECT EXISTS (SELECT 1 FROM event WHERE provider = \(event.provider) AND eventID = \(event.eventID)),
                   EXISTS (SELECT 1 FROM payment WHERE provider = \(event.provider) AND providerPaymentID = \(event.paymentID)
                           AND kind = 'payment' AND refundID = '')
            """)
        guard let seenRow = row0 else { throw PostgresLedgerFailure.noRow }
        if try seenRow[0].decode(Bool.self) { return (.duplicateEvent, nil) }
        if event.kind == .refund {
            return try bookRefund(event, target: target, receivedAt: receivedAt, dateOf: dateOf, session: session, booked: cache)
        }

        var row = LedgerPayment(
            id: nil, provider: event.provider, providerPaymentID: event.paymentID, kind: event.kind,
            refundID: "", status: .booked, customerID: nil, accountID: nil,
            invoiceNumber: event.invoiceNumber, purpose: event.purpose, method: event.method,
            amountMinor: event.amount.minorUnits, currency: event.amount.currency,
            occurredAt: event.occurredAt, bookedAt: receivedAt, sourceEvent: event.eventID, note: nil)

        if try seenRow[1].decode(Bool.self) {
            try recordEvent(event, outcome: .duplicatePayment, detail: nil, receivedAt: receivedAt, session: session)
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
        if let checkoutID = event.checkoutID,
           let found = try session.first("SELECT * FROM pendingPayment WHERE checkoutID = \(checkoutID) FOR UPDATE") {
            pending = try PendingPayment(postgres: found)
        }
        if let pending, !pending.selectedInvoices.isEmpty, pending.customerID == row.customerID, pending.accountID == row.accountID {
            row.selectedInvoices = pending.selectedInvoices
        }

        // The account's booked rows are read once (under its lock): the settlement after this booking
        // is the one before plus this row and the refunds it releases.
        let bookedBefore = try account.map { account in
            try cache?.accounts[account.id] ?? bookedPayments(of: account, session: session, dateOf: dateOf)
        }
        row.id = try insert(row, session: session)
        let attached = try attachRefunds(of: row, statuses: [.waiting], session: session)
        for touched in [row] + attached where touched.status == .booked {
            if let id = touched.accountID, id != account?.id { cache?.accounts[id] = nil }
        }
        if let account, let bookedBefore, row.status == .booked, let rowID = row.id {
            let before = Ledger.settlement(of: account, booked: bookedBefore, dateOf: dateOf)
            let added = ([row] + attached).filter { $0.accountID == account.id }.compactMap { $0.recorded(dateOf: dateOf) }
            let after = Ledger.settlement(of: account, booked: bookedBefore + added, dateOf: dateOf)
            cache?.accounts[account.id] = bookedBefore + added
            try insertAllocations(after.difference(from: before), paymentRowID: rowID, session: session)
        }
        if var pending {
            // Booked as actually paid; a difference from what the checkout started with is flagged.
            pending.status = .completed
            if pending.amountMinor != row.amountMinor || pending.currency != row.currency {
                let flag = "paid \(row.amountMinor) \(row.currency.code), checkout started with \(pending.amountMinor) \(pending.currency.code)"
                pending.note = flag
                row.note = (row.note.map { $0 + "; " } ?? "") + flag
                try session.execute("UPDATE payment SET note = \(row.note) WHERE id = \(row.id)")
            }
            try session.execute("UPDATE pendingPayment SET status = \(pending.status.rawValue), note = \(pending.note) WHERE id = \(pending.id)")
            try mark(pending.customerID, at: receivedAt, session: session, batch: cache)
        }
        if case .booked(let customerID) = outcome, !customerID.isEmpty {
            try mark(customerID, at: receivedAt, session: session, batch: cache)
        }
        try recordEvent(event, outcome: outcome, detail: row.note, receivedAt: receivedAt, session: session)
        return (outcome, row)
    }

    /// Inserts `row` and returns its id.
    static func insert(_ row: LedgerPayment, session: PostgresSession) throws -> Int64 {
        try session.integer("""
            INSERT INTO payment (provider, providerPaymentID, kind, refundID, status, customerID, accountID, invoiceNumber,
                                 purpose, method, amountMinor, currency, occurredAt, bookedAt, sourceEvent, note, invoiceNumbers)
            VALUES (\(row.provider), \(row.providerPaymentID), \(row.kind.rawValue), \(row.refundID), \(row.status.rawValue),
                    \(row.customerID), \(row.accountID), \(row.invoiceNumber), \(row.purpose.rawValue), \(row.method.rawValue),
                    \(row.amountMinor), \(row.currency.code), \(row.occurredAt), \(row.bookedAt), \(row.sourceEvent), \(row.note),
                    \(InvoiceSelectionText.stored(row.selectedInvoices)))
            RETURNING id
            """)
    }

    /// Records what a booking changed per invoice (and credit) for entry `paymentRowID`, in one statement.
    static func insertAllocations(_ changes: [(String?, Int)], paymentRowID: Int64, session: PostgresSession) throws {
        guard !changes.isEmpty else { return }
        var binds = PostgresBindings(capacity: changes.count * 3)
        var rows: [String] = []
        for (index, (invoice, amount)) in changes.enumerated() {
            binds.append(paymentRowID)
            binds.append(invoice)
            binds.append(amount)
            rows.append("($\(index * 3 + 1), $\(index * 3 + 2), $\(index * 3 + 3))")
        }
        try session.execute(PostgresQuery(
            unsafeSQL: "INSERT INTO allocation (paymentRowID, invoiceNumber, amountMinor) VALUES " + rows.joined(separator: ", "),
            binds: binds))
    }

    /// Refunds of `payment` in one of `statuses` follow it (`LedgerPayment.follow`). Returns them as updated.
    @discardableResult
    static func attachRefunds(of payment: LedgerPayment, statuses: [LedgerPayment.Status], session: PostgresSession) throws -> [LedgerPayment] {
        let wanted = statuses.map(\.rawValue)
        let refunds = try session.rows("""
            SELECT * FROM payment WHERE provider = \(payment.provider) AND providerPaymentID = \(payment.providerPaymentID)
            AND kind = 'refund' AND status = ANY(\(wanted)::text[]) ORDER BY id FOR UPDATE
            """).map { try LedgerPayment(postgres: $0) }
        var attached: [LedgerPayment] = []
        for var refund in refunds {
            refund.follow(payment)
            try session.execute("""
                UPDATE payment SET customerID = \(refund.customerID), accountID = \(refund.accountID),
                    invoiceNumber = \(refund.invoiceNumber), status = \(refund.status.rawValue), note = \(refund.note),
                    invoiceNumbers = \(InvoiceSelectionText.stored(refund.selectedInvoices))
                WHERE id = \(refund.id)
                """)
            attached.append(refund)
        }
        return attached
    }

    static func recordEvent(_ event: PaymentEvent, outcome: BookingOutcome, detail: String?, receivedAt: Int, session: PostgresSession) throws {
        try session.execute("""
            INSERT INTO event (provider, eventID, receivedAt, outcome, detail)
            VALUES (\(event.provider), \(event.eventID), \(receivedAt), \(outcome.stored.rawValue), \(detail))
            """)
    }

    /// Marks `customerID`'s page now, or with the batch's other marks at its end (`markBatch`).
    static func mark(_ customerID: String, at time: Int, session: PostgresSession, batch: BookedAccounts?) throws {
        guard let batch else { return try markDirty(customerID, at: time, session: session) }
        batch.marks[customerID] = max(batch.marks[customerID] ?? time, time)
    }

    /// The marks a group commit collected, in one statement in byte order of the customer ids: one
    /// round trip for the batch, and two instances' batches lock the marks they share in the same
    /// order (marked booking by booking, in arrival order, they deadlocked, which PostgreSQL breaks
    /// only after `deadlock_timeout`, a second). A mark of a booking its savepoint rolled back stays:
    /// it only rewrites a page once more.
    static func markBatch(_ marks: [String: Int], session: PostgresSession) throws {
        guard !marks.isEmpty else { return }
        let sorted = marks.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        try session.execute("""
            INSERT INTO dirtyPage (customerID, markedAt)
            SELECT c, t FROM unnest(\(sorted.map(\.key))::text[], \(sorted.map(\.value))::bigint[]) WITH ORDINALITY AS m(c, t, n) ORDER BY n
            ON CONFLICT (customerID) DO UPDATE SET markedAt = GREATEST(excluded.markedAt, dirtyPage.markedAt + 1)
            """)
    }

    /// Marks `customerID`'s page; `markedAt` only grows (see `Ledger.markDirty`).
    static func markDirty(_ customerID: String, at time: Int, session: PostgresSession) throws {
        try session.execute("""
            INSERT INTO dirtyPage (customerID, markedAt) VALUES (\(customerID), \(time))
            ON CONFLICT (customerID) DO UPDATE SET markedAt = GREATEST(excluded.markedAt, dirtyPage.markedAt + 1)
            """)
    }

    /// Paid amount per invoice and credit of `account` with everything booked so far.
    static func settlement(of account: Account, session: PostgresSession, dateOf: (Int) -> CalendarDate) throws -> Settlement {
        Ledger.settlement(of: account, booked: try bookedPayments(of: account, session: session, dateOf: dateOf), dateOf: dateOf)
    }

    /// What is booked to `account`, with only the columns allocation needs.
    static func bookedPayments(of account: Account, session: PostgresSession, dateOf: (Int) -> CalendarDate) throws -> [RecordedPayment] {
        try session.rows("""
            SELECT id, provider, kind, providerPaymentID, amountMinor, currency, occurredAt, invoiceNumber, purpose, method, invoiceNumbers
            FROM payment WHERE accountID = \(account.id) AND status = 'booked' ORDER BY id
            """).map { row in
            let read = PostgresRowReader(row, table: "payment")
            return RecordedPayment(
                provider: try read("provider"), kind: try read("kind"), paymentID: try read("providerPaymentID"),
                amount: Money(minorUnits: try read("amountMinor"), currency: try read("currency")),
                date: dateOf(try read("occurredAt")), accountID: account.id, invoiceNumber: try read("invoiceNumber"),
                purpose: try read("purpose"), method: try read("method"), selectedInvoices: try InvoiceSelectionText.read(read))
        }
    }
}

/// The booked payments of accounts as one transaction reads and changes them (under their locks).
final class BookedAccounts {
    var accounts: [String: [RecordedPayment]] = [:]
    /// Page marks of the batch's bookings, written together at its end (`markBatch`).
    var marks: [String: Int] = [:]
}
