import CustomerCenterLedger
import Foundation
import PostgresNIO

extension PostgresLedger {
    /// Stores a message before its first delivery attempt.
    public func enqueueEmail(_ email: OutgoingEmail) throws(LedgerError) -> OutgoingEmail {
        try write("queue email \(email.messageID)") { session in
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
    }

    /// Claims up to 50 due messages, oldest first, moving their next attempt `lease` seconds ahead in
    /// the same transaction. Rows another instance is claiming at this moment are skipped
    /// (`FOR UPDATE SKIP LOCKED`), so no two instances claim one message.
    public func claimDueEmails(now: Int, lease: Int) throws(LedgerError) -> [OutgoingEmail] {
        try write("claim queued emails") { session in
            let due = try session.rows("""
                SELECT * FROM outgoingEmail WHERE status = 'queued' AND nextAttemptAt <= \(now)
                ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED
                """).map { try OutgoingEmail(postgres: $0) }
            guard !due.isEmpty else { return [] }
            let until = now.addingReportingOverflow(lease)
            try session.execute("UPDATE outgoingEmail SET nextAttemptAt = \(until.overflow ? Int.max : until.partialValue) WHERE id = ANY(\(due.compactMap(\.id))::bigint[])")
            return due
        }
    }

    /// Records a delivery attempt: sent, or failed and retried at `retryAt` (nil: failed for good).
    public func recordEmailAttempt(id: Int64, delivered: String?, error: String?, retryAt: Int?, at time: Int) throws(LedgerError) {
        try write("record email attempt \(id)") { session in
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
            try session.execute("UPDATE outgoingEmail SET status = 'queued', nextAttemptAt = \(now) WHERE status <> 'sent'")
        }
    }
}
