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
    /// moves `lease` seconds ahead in the same transaction, and `claimer` (who is claiming: host,
    /// process id, start time) is kept with each, so another process (`serve` and a command at the same
    /// moment) does not send them too. Messages claimed by a process that `hasEnded` says is gone (a
    /// killed mailing) are claimed again at once rather than after their lease; the lease stays the
    /// rule for claimers that cannot be judged (another host).
    public func claimDueEmails(now: Int, lease: Int, claimer: String,
                               hasEnded: @escaping @Sendable (String) -> Bool) throws(LedgerError) -> [OutgoingEmail] {
        try write("claim queued emails") { db in
            var due = try OutgoingEmail
                .filter(OutgoingEmail.Columns.status == OutgoingEmail.Status.queued && OutgoingEmail.Columns.nextAttemptAt <= now)
                .order(OutgoingEmail.Columns.id).limit(50).fetchAll(db)
            if due.count < 50 {
                // Leased messages whose claimer is gone: few (at most a round per ended process).
                let leased = try EmailClaim.fetchAll(db, sql: """
                    SELECT emailClaim.* FROM emailClaim JOIN outgoingEmail ON outgoingEmail.id = emailClaim.emailID
                    WHERE outgoingEmail.status = ? AND outgoingEmail.nextAttemptAt > ? ORDER BY emailClaim.emailID
                    """, arguments: [OutgoingEmail.Status.queued, now])
                let orphaned = leased.filter { $0.claimedBy != claimer && hasEnded($0.claimedBy) }.prefix(50 - due.count).map(\.emailID)
                if !orphaned.isEmpty {
                    due += try OutgoingEmail.filter(orphaned.contains(OutgoingEmail.Columns.id)).fetchAll(db)
                    due.sort { ($0.id ?? 0) < ($1.id ?? 0) }
                }
            }
            // Only the columns that change: encoding a record writes its whole message again.
            let until = now + lease
            for row in due {
                try db.execute(sql: "UPDATE outgoingEmail SET nextAttemptAt = ? WHERE id = ?", arguments: [until, row.id])
                try EmailClaim(emailID: row.id ?? 0, claimedBy: claimer, claimedAt: now).save(db)
            }
            return due.map { row in
                var claimed = row
                claimed.nextAttemptAt = until
                return claimed
            }
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
            try EmailClaim.deleteOne(db, key: id)
            // Only the columns that change, without reading or rewriting the message itself.
            if let delivered {
                try db.execute(sql: """
                    UPDATE outgoingEmail SET attempts = attempts + 1, status = ?, sentAt = ?, delivery = ?, lastError = NULL WHERE id = ?
                    """, arguments: [OutgoingEmail.Status.sent, time, delivered, id])
            } else if let retryAt {
                try db.execute(sql: """
                    UPDATE outgoingEmail SET attempts = attempts + 1, status = ?, nextAttemptAt = ?, lastError = ? WHERE id = ?
                    """, arguments: [OutgoingEmail.Status.queued, retryAt, error, id])
            } else {
                try db.execute(sql: "UPDATE outgoingEmail SET attempts = attempts + 1, status = ?, lastError = ? WHERE id = ?",
                               arguments: [OutgoingEmail.Status.failed, error, id])
            }
        }
    }

    /// Puts failed messages back in the queue and makes every queued one due now; returns how many.
    @discardableResult
    public func requeueUndeliveredEmails(now: Int) throws(LedgerError) -> Int {
        try write("requeue undelivered emails") { db in
            try EmailClaim.deleteAll(db)
            return try OutgoingEmail.filter(OutgoingEmail.Columns.status != OutgoingEmail.Status.sent)
                .updateAll(db, OutgoingEmail.Columns.status.set(to: OutgoingEmail.Status.queued),
                           OutgoingEmail.Columns.nextAttemptAt.set(to: now))
        }
    }
}
