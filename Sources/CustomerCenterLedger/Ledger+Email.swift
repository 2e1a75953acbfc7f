import GRDB

extension Ledger {
    /// Stores a message before its first delivery attempt, so that a crash or a failed attempt
    /// cannot lose it.
    public func enqueueEmail(_ email: OutgoingEmail) throws(LedgerError) -> OutgoingEmail {
        try write("queue email \(email.messageID)") { db in
            var row = email
            try row.insert(db)
            return row
        }
    }

    /// Claims up to 50 queued messages whose next attempt is due at `now`, oldest first: their next attempt
    /// moves `lease` seconds ahead in the same transaction, so another process (`serve` and a command
    /// at the same moment) does not send them too. A crash during delivery retries after the lease.
    public func claimDueEmails(now: Int, lease: Int) throws(LedgerError) -> [OutgoingEmail] {
        try write("claim queued emails") { db in
            let due = try OutgoingEmail
                .filter(OutgoingEmail.Columns.status == OutgoingEmail.Status.queued && OutgoingEmail.Columns.nextAttemptAt <= now)
                .order(Column("id")).limit(50).fetchAll(db)
            for var row in due {
                row.nextAttemptAt = now + lease
                try row.update(db)
            }
            return due
        }
    }

    /// Messages not yet delivered (queued or failed), oldest first; with `all`, sent ones too.
    public func emails(all: Bool) throws(LedgerError) -> [OutgoingEmail] {
        try read("list emails") { db in
            var request = OutgoingEmail.order(Column("id"))
            if !all { request = request.filter(OutgoingEmail.Columns.status != OutgoingEmail.Status.sent) }
            return try request.fetchAll(db)
        }
    }

    /// Records a delivery attempt: sent, or failed with `error` and retried at `retryAt` (nil: give up,
    /// status failed, until `requeueUndeliveredEmails`).
    public func recordEmailAttempt(id: Int64, delivered: String?, error: String?, retryAt: Int?, at time: Int) throws(LedgerError) {
        try write("record email attempt \(id)") { db in
            guard var row = try OutgoingEmail.fetchOne(db, key: id) else { return }
            row.attempts += 1
            if let delivered {
                row.status = .sent
                row.sentAt = time
                row.delivery = delivered
                row.lastError = nil
            } else {
                row.lastError = error
                if let retryAt {
                    row.status = .queued
                    row.nextAttemptAt = retryAt
                } else {
                    row.status = .failed
                }
            }
            try row.update(db)
        }
    }

    /// Puts failed messages back in the queue and makes every queued one due now; returns how many.
    @discardableResult
    public func requeueUndeliveredEmails(now: Int) throws(LedgerError) -> Int {
        try write("requeue undelivered emails") { db in
            try OutgoingEmail.filter(OutgoingEmail.Columns.status != OutgoingEmail.Status.sent)
                .updateAll(db, OutgoingEmail.Columns.status.set(to: OutgoingEmail.Status.queued),
                           OutgoingEmail.Columns.nextAttemptAt.set(to: now))
        }
    }
}
