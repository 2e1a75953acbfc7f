import CustomerCenterLedger
import CustomerCenterModel
import Foundation
import PostgresNIO

extension PostgresLedger {
    /// Every ledger entry of `customerID`, oldest first.
    public func entries(customerID: String) throws(LedgerError) -> [LedgerPayment] {
        try read("read the payments of \(customerID)") { session in
            try session.rows("SELECT * FROM payment WHERE customerID = \(customerID) ORDER BY id").map { try LedgerPayment(postgres: $0) }
        }
    }

    /// Booked money of `customerID`, as the model's recorded payments.
    public func recordedPayments(customerID: String, dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> [RecordedPayment] {
        try entries(customerID: customerID).compactMap { $0.recorded(dateOf: dateOf) }
    }

    /// The payment `paymentID` of `provider` (not its refunds).
    public func payment(provider: String, paymentID: String) throws(LedgerError) -> LedgerPayment? {
        try read("find payment \(paymentID)") { session in
            try session.first("""
                SELECT * FROM payment WHERE provider = \(provider) AND providerPaymentID = \(paymentID) AND kind = 'payment' LIMIT 1
                """).map { try LedgerPayment(postgres: $0) }
        }
    }

    /// The allocation rows of one entry, in the order they were written.
    public func allocations(paymentRowID: Int64) throws(LedgerError) -> [LedgerAllocation] {
        try read("read allocations") { session in
            try session.rows("SELECT * FROM allocation WHERE paymentRowID = \(paymentRowID) ORDER BY id").map { try LedgerAllocation(postgres: $0) }
        }
    }

    /// Money not booked to an account, oldest first.
    public func unmatched() throws(LedgerError) -> [LedgerPayment] {
        try read("list unmatched payments") { session in
            try session.rows("SELECT * FROM payment WHERE status IN ('unmatched', 'mismatch') ORDER BY id").map { try LedgerPayment(postgres: $0) }
        }
    }

    /// All events received, oldest first.
    public func events() throws(LedgerError) -> [LedgerEvent] {
        try read("list events") { session in
            try session.rows("SELECT * FROM event ORDER BY id").map { try LedgerEvent(postgres: $0) }
        }
    }

    /// Customers whose pages still need regenerating, oldest mark first.
    public func dirtyPages() throws(LedgerError) -> [DirtyPage] {
        try read("list pages to regenerate") { session in
            try session.rows("SELECT * FROM dirtyPage ORDER BY markedAt, customerID").map { try DirtyPage(postgres: $0) }
        }
    }

    /// The marks of `customerIDs` that are set.
    public func dirtyPages(customerIDs: [String]) throws(LedgerError) -> [DirtyPage] {
        guard !customerIDs.isEmpty else { return [] }
        return try read("read page marks") { session in
            try session.rows("SELECT * FROM dirtyPage WHERE customerID = ANY(\(customerIDs)::text[])").map { try DirtyPage(postgres: $0) }
        }
    }

    /// Claims the pages of `customerIDs` for `claimer` (`LedgerStore.claimPages`). Marks another
    /// transaction has locked at this moment (a booking marking them, another instance claiming) are
    /// skipped (`FOR UPDATE SKIP LOCKED`) and reported held, so the claim never waits while it holds
    /// a lock: a claim that locked marks and then waited for a booking's insert, while the booking
    /// waited for one of those marks, was a deadlock PostgreSQL took a second (`deadlock_timeout`) to
    /// break (seen as 1 s callbacks with two receivers). Marks missing for pages asked for are
    /// therefore made in a statement of their own, and only after a first claim found none (after a
    /// booking there is one). Not flushed before returning: a lost claim only lets another instance
    /// write the page too.
    public func claimPages(_ customerIDs: [String], creatingMarks: Bool, claimer: String, lease: Int, now: Int,
                           hasEnded: @escaping @Sendable (String) -> Bool) throws(LedgerError) -> PageClaim {
        guard !customerIDs.isEmpty else { return PageClaim() }
        let ids = Array(Set(customerIDs)).sorted()
        // After a booking its mark is there: one transaction claims it.
        var (claim, absent) = try claimMarked(ids, claimer: claimer, lease: lease, now: now, hasEnded: hasEnded)
        guard !absent.isEmpty else { return claim }
        if creatingMarks {
            // Pages asked for without a mark get one, in a statement of their own (it may wait for a
            // booking inserting the same mark, holding nothing another transaction needs), then a claim.
            try write("mark pages", durable: false) { session in
                try session.execute("""
                    INSERT INTO dirtyPage (customerID, markedAt) SELECT c, \(now) FROM unnest(\(absent)::text[]) AS a(c)
                    ON CONFLICT (customerID) DO NOTHING
                    """)
            }
            let (more, stillAbsent) = try claimMarked(absent, claimer: claimer, lease: lease, now: now, hasEnded: hasEnded)
            claim.marks += more.marks
            // Still no mark to claim: locked by another transaction, or written and cleared meanwhile.
            // Asked for again, they get one.
            claim.heldElsewhere += more.heldElsewhere + stillAbsent
            return claim
        }
        // A locked mark is being set or claimed by another transaction; an absent one needs no page.
        let locked = try read("read page marks") { session in
            try session.rows("SELECT customerID FROM dirtyPage WHERE customerID = ANY(\(absent)::text[])").map { try $0[0].decode(String.self) }
        }
        claim.heldElsewhere += locked
        return claim
    }

    /// Claims the marks of `ids` that are there, not locked by another transaction, and takeable;
    /// returns the claim and the ids without a mark it could see.
    private func claimMarked(_ ids: [String], claimer: String, lease: Int, now: Int,
                             hasEnded: @escaping @Sendable (String) -> Bool) throws(LedgerError) -> (PageClaim, [String]) {
        let until = PageClaim.leaseEnd(now: now, lease: lease)
        return try write("claim pages", durable: false) { session in
            var claim = PageClaim()
            var seen: Set<String> = []
            // Unclaimed, its own or past their lease: taken in one statement.
            for row in try session.rows("""
                UPDATE dirtyPage SET claimedBy = \(claimer), claimedUntil = \(until)
                WHERE customerID IN (SELECT customerID FROM dirtyPage WHERE customerID = ANY(\(ids)::text[])
                                     ORDER BY customerID FOR UPDATE SKIP LOCKED)
                  AND (claimedBy IS NULL OR claimedBy = \(claimer) OR claimedUntil <= \(now))
                RETURNING customerID, markedAt
                """) {
                let read = PostgresRowReader(row, table: "dirtyPage", key: "customerID")
                let mark = DirtyPage(customerID: try read("customerID"), markedAt: try read("markedAt"))
                seen.insert(mark.customerID)
                claim.marks.append(mark)
            }
            let rest = ids.filter { !seen.contains($0) }
            guard !rest.isEmpty else { return (claim, []) }
            // Held by another claimer (taken when its process has ended), locked, or absent.
            var ended: [DirtyPage] = []
            for row in try session.rows("""
                SELECT customerID, markedAt, claimedBy, claimedUntil FROM dirtyPage WHERE customerID = ANY(\(rest)::text[])
                ORDER BY customerID FOR UPDATE SKIP LOCKED
                """) {
                let read = PostgresRowReader(row, table: "dirtyPage", key: "customerID")
                let mark = DirtyPage(customerID: try read("customerID"), markedAt: try read("markedAt"))
                seen.insert(mark.customerID)
                if PageClaim.canTake(claimedBy: try read("claimedBy"), claimedUntil: try read("claimedUntil"), claimer: claimer, now: now,
                                     hasEnded: hasEnded) {
                    ended.append(mark)
                } else {
                    claim.heldElsewhere.append(mark.customerID)
                }
            }
            if !ended.isEmpty {
                try session.execute("""
                    UPDATE dirtyPage SET claimedBy = \(claimer), claimedUntil = \(until) WHERE customerID = ANY(\(ended.map(\.customerID))::text[])
                    """)
                claim.marks += ended
            }
            return (claim, ids.filter { !seen.contains($0) })
        }
    }

    /// Clears the marks of `pages` once written (never a newer mark; that one loses `claimer`'s claim)
    /// and keeps their GiroCodes, in one transaction that does not wait for the flush: a lost clear
    /// only regenerates once more.
    public func clearDirty(_ pages: [DirtyPage], savingGiroCodes codes: [String: StoredGiroCode], releasing claimer: String?) throws(LedgerError) {
        guard !pages.isEmpty || !codes.isEmpty else { return }
        try write("clear page marks", durable: false) { session in
            if !pages.isEmpty {
                // Marks locked by a booking at this moment are skipped: it is making them newer, so
                // they stay either way. Never waiting while holding marks, the clear cannot deadlock
                // with a booking marking several customers.
                try session.execute("""
                    DELETE FROM dirtyPage WHERE customerID IN (
                        SELECT d.customerID FROM dirtyPage d
                        JOIN unnest(\(pages.map(\.customerID))::text[], \(pages.map(\.markedAt))::bigint[]) AS p(customerID, markedAt)
                          ON d.customerID = p.customerID AND d.markedAt <= p.markedAt
                        ORDER BY d.customerID FOR UPDATE OF d SKIP LOCKED)
                    """)
            }
            try PostgresLedger.saveGiroCodes(codes, session: session)
        }
        guard let claimer, !pages.isEmpty else { return }
        // Claims on the marks left (newer ones, or skipped above), one statement each outside any
        // transaction: waiting for a booking's lock on one holds no other.
        let left = try read("release page claims") { session in
            try session.rows("SELECT customerID FROM dirtyPage WHERE customerID = ANY(\(pages.map(\.customerID))::text[]) AND claimedBy = \(claimer)")
                .map { try $0[0].decode(String.self) }
        }
        for customerID in left {
            try read("release page claims") { session in
                try session.execute("UPDATE dirtyPage SET claimedBy = NULL, claimedUntil = NULL WHERE customerID = \(customerID) AND claimedBy = \(claimer)")
            }
        }
    }

    /// The kept GiroCodes of `references`, by reference.
    public func giroCodes(references: [String]) throws(LedgerError) -> [String: StoredGiroCode] {
        guard !references.isEmpty else { return [:] }
        return try read("read GiroCodes") { session in
            var found: [String: StoredGiroCode] = [:]
            for row in try session.rows("SELECT reference, payloadHash, size, modules, png FROM giroCode WHERE reference = ANY(\(references)::text[])") {
                let read = PostgresRowReader(row, table: "giroCode", key: "reference")
                let hash: Data = try read("payloadHash")
                let modules: Data = try read("modules")
                let png: Data? = try read("png")
                found[try read("reference")] = StoredGiroCode(payloadHash: Array(hash), size: try read("size"), modules: Array(modules),
                                                              png: png.map(Array.init))
            }
            return found
        }
    }

    /// Keeps `codes` by printed reference, replacing older ones; a cache, not flushed before returning.
    public func saveGiroCodes(_ codes: [String: StoredGiroCode]) throws(LedgerError) {
        guard !codes.isEmpty else { return }
        try write("save GiroCodes", durable: false) { session in try PostgresLedger.saveGiroCodes(codes, session: session) }
    }

    static func saveGiroCodes(_ codes: [String: StoredGiroCode], session: PostgresSession) throws {
        // Sorted: two instances saving overlapping codes lock the rows in the same order.
        for (reference, code) in codes.sorted(by: { $0.key < $1.key }) {
            try session.execute("""
                INSERT INTO giroCode (reference, payloadHash, size, modules, png)
                VALUES (\(reference), \(Data(code.payloadHash)), \(code.size), \(Data(code.modules)), \(code.png.map { Data($0) }))
                ON CONFLICT (reference) DO UPDATE SET payloadHash = excluded.payloadHash, size = excluded.size, modules = excluded.modules,
                    png = excluded.png
                """)
        }
    }
}

extension PostgresLedger {
    /// Runs `sql` as it is, in a transaction of its own: for tests that put values no API writes
    /// into the database (the CHECKs must refuse them), and for operators' scripts. Never with outside input.
    public func execute(unsafe sql: String) throws(LedgerError) {
        try write("run SQL") { session in try session.execute(PostgresQuery(unsafeSQL: sql)) }
    }
}
