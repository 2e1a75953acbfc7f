import CustomerCenterLedger
import Foundation
import PostgresNIO

extension PostgresLedger {
    /// Stores a message before its first delivery attempt.
    public func enqueueEmail(_ email: OutgoingEmail) throws(LedgerError) -> OutgoingEmail {
        try write("queue email \(email.messageID)") { session in try PostgresLedger.insert(email, session: session) }
    }

    /// Inserts `email` inside the caller's transaction and returns it with its id.
    static func insert(_ email: OutgoingEmail, session: PostgresSession) throws -> OutgoingEmail {
        var row = email
        row.id = try session.integer("""
            INSERT INTO outgoingEmail (messageID, kind, customerID, recipient, subject, message, status, attempts, lastError,
                                       createdAt, nextAttemptAt, sentAt, delivery)
            VALUES (\(row.messageID), \(row.kind.rawValue), \(row.customerID), \(row.recipient), \(row.subject), \(Data(row.message)),
                    \(row.status.rawValue), \(row.attempts), \(row.lastError), \(row.createdAt), \(row.nextAttemptAt), \(row.sentAt),
                    \(row.delivery))
            RETURNING id
            """)
        return row
    }

    /// Claims up to 50 due messages for `claimer`, oldest first, moving their next attempt `lease`
    /// seconds ahead and recording the claim in the same transaction (the rules of
    /// `Ledger.claimDueEmails`). Rows another instance is claiming at this moment are skipped
    /// (`FOR UPDATE SKIP LOCKED`), so no two instances claim one message; messages leased to a claimer
    /// that `hasEnded` (a process of this host that is gone) are claimed again at once, others only
    /// when their lease runs out.
    public func claimDueEmails(now: Int, lease: Int, claimer: String,
                               hasEnded: @escaping @Sendable (String) -> Bool) throws(LedgerError) -> [OutgoingEmail] {
        try write("claim queued emails") { session in
            var due = try session.rows("""
                SELECT * FROM outgoingEmail WHERE status = 'queued' AND nextAttemptAt <= \(now)
                ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED
                """).map { try OutgoingEmail(postgres: $0) }
            if due.count < 50 {
                // Leased messages whose claimer is gone: few (at most a round per ended process).
                let leased = try session.rows("""
                    SELECT emailClaim.emailID, emailClaim.claimedBy FROM emailClaim
                    JOIN outgoingEmail ON outgoingEmail.id = emailClaim.emailID
                    WHERE outgoingEmail.status = 'queued' AND outgoingEmail.nextAttemptAt > \(now) ORDER BY emailClaim.emailID
                    """).map { row in (id: try row[0].decode(Int64.self), by: try row[1].decode(String.self)) }
                let orphaned = leased.filter { $0.by != claimer && hasEnded($0.by) }.prefix(50 - due.count).map(\.id)
                if !orphaned.isEmpty {
                    due += try session.rows("""
                        SELECT * FROM outgoingEmail WHERE id = ANY(\(Array(orphaned))::bigint[]) AND status = 'queued'
                        FOR UPDATE SKIP LOCKED
                        """).map { try OutgoingEmail(postgres: $0) }
                    due.sort { ($0.id ?? 0) < ($1.id ?? 0) }
                }
            }
            guard !due.isEmpty else { return [] }
            let sum = now.addingReportingOverflow(lease)
            let until = sum.overflow ? Int.max : sum.partialValue
            let ids = due.compactMap(\.id)
            try session.execute("UPDATE outgoingEmail SET nextAttemptAt = \(until) WHERE id = ANY(\(ids)::bigint[])")
            try session.execute("""
                INSERT INTO emailClaim (emailID, claimedBy, claimedAt) SELECT id, \(claimer), \(now) FROM unnest(\(ids)::bigint[]) AS c(id)
                ON CONFLICT (emailID) DO UPDATE SET claimedBy = excluded.claimedBy, claimedAt = excluded.claimedAt
                """)
            return due.map { row in
                var claimed = row
                claimed.nextAttemptAt = until
                return claimed
            }
        }
    }

    /// Records a delivery attempt: sent, or failed and retried at `retryAt` (nil: failed for good); the claim goes.
    public func recordEmailAttempt(id: Int64, delivered: String?, error: String?, retryAt: Int?, at time: Int) throws(LedgerError) {
        try write("record email attempt \(id)") { session in
            try session.execute("DELETE FROM emailClaim WHERE emailID = \(id)")
            if let delivered {
                try session.execute("""
                    UPDATE outgoingEmail SET attempts = attempts + 1, status = 'sent', sentAt = \(time), delivery = \(delivered), lastError = NULL
                    WHERE id = \(id)
                    """)
            } else if let retryAt {
                try session.execute("""
                    UPDATE outgoingEmail SET attempts = attempts + 1, status = 'queued', nextAttemptAt = \(retryAt), lastError = \(error)
                    WHERE id = \(id)
                    """)
            } else {
                try session.execute("UPDATE outgoingEmail SET attempts = attempts + 1, status = 'failed', lastError = \(error) WHERE id = \(id)")
            }
        }
    }

    /// Messages not yet delivered, oldest first; with `all`, sent ones too.
    public func emails(all: Bool) throws(LedgerError) -> [OutgoingEmail] {
        try read("list emails") { session in
            let rows = all
                ? try session.rows("SELECT * FROM outgoingEmail ORDER BY id")
                : try session.rows("SELECT * FROM outgoingEmail WHERE status <> 'sent' ORDER BY id")
            return try rows.map { try OutgoingEmail(postgres: $0) }
        }
    }

    /// Puts failed messages back in the queue and makes every queued one due now; returns how many.
    @discardableResult
    public func requeueUndeliveredEmails(now: Int) throws(LedgerError) -> Int {
        try write("requeue undelivered emails") { session in
            try session.execute("DELETE FROM emailClaim")
            return try session.execute("UPDATE outgoingEmail SET status = 'queued', nextAttemptAt = \(now) WHERE status <> 'sent'")
        }
    }
}
