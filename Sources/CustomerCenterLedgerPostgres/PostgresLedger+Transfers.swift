import CustomerCenterLedger
import CustomerCenterModel
import PostgresNIO

extension PostgresLedger {
    /// Records a top-up announced by transfer with a fresh reference (or returns the same request made
    /// within the hour), marks the page. The account's lock keeps two instances from answering one
    /// reloaded request with two references.
    public func requestTopUp(customerID: String, accountID: String, amount: Money, at time: Int,
                             expiresAt: Int) throws(LedgerError) -> (transfer: TransferRecord, isNew: Bool) {
        try write("record top-up request for \(customerID)/\(accountID)", retryingConflicts: true) { session in
            try PostgresLedger.lock([PostgresLedger.lockKey(customerID: customerID, accountID: accountID)], session: session)
            if let found = try session.first("""
                SELECT * FROM transfer WHERE customerID = \(customerID) AND accountID = \(accountID) AND status = 'announced'
                AND kind = 'request' AND expectedMinor = \(amount.minorUnits) AND currency = \(amount.currency.code)
                AND createdAt >= \(time - 3_600) ORDER BY id DESC LIMIT 1
                """) {
                return (try TransferRecord(postgres: found), false)
            }
            let reference = try PostgresLedger.unusedReference(session)
            try PostgresLedger.insert(TransferReferenceRecord(reference: reference.value, purpose: .request, customerID: customerID,
                                                              accountID: accountID, invoiceNumber: reference.value, createdAt: time),
                                      session: session)
            var row = TransferRecord(
                id: nil, reference: reference.value, kind: .request, customerID: customerID, accountID: accountID,
                invoiceNumber: nil, purpose: .topUp, currency: amount.currency,
                expectedMinor: amount.minorUnits, status: .announced, createdAt: time, expiresAt: expiresAt)
            row.id = try PostgresLedger.insert(row, session: session)
            try PostgresLedger.markDirty(customerID, at: time, session: session)
            return (row, true)
        }
    }

    static func insert(_ row: TransferRecord, session: PostgresSession) throws -> Int64 {
        try session.integer("""
            INSERT INTO transfer (reference, kind, customerID, accountID, invoiceNumber, purpose, currency, expectedMinor, status,
                                  createdAt, expiresAt, receivedMinor, receivedOn, payerName, bankReference, decidedAt, paymentRowID, note)
            VALUES (\(row.reference), \(row.kind.rawValue), \(row.customerID), \(row.accountID), \(row.invoiceNumber),
                    \(row.purpose.rawValue), \(row.currency.code), \(row.expectedMinor), \(row.status.rawValue), \(row.createdAt),
                    \(row.expiresAt), \(row.receivedMinor), \(row.receivedOn), \(row.payerName), \(row.bankReference),
                    \(row.decidedAt), \(row.paymentRowID), \(row.note))
            RETURNING id
            """)
    }

    static func update(_ row: TransferRecord, session: PostgresSession) throws {
        try session.execute("""
            UPDATE transfer SET status = \(row.status.rawValue), expectedMinor = \(row.expectedMinor), receivedMinor = \(row.receivedMinor),
                receivedOn = \(row.receivedOn), payerName = \(row.payerName), bankReference = \(row.bankReference),
                decidedAt = \(row.decidedAt), paymentRowID = \(row.paymentRowID), note = \(row.note)
            WHERE id = \(row.id)
            """)
    }

    /// Every transfer on `reference`, oldest first, locked for this transaction.
    static func transfers(on reference: String, session: PostgresSession) throws -> [TransferRecord] {
        try session.rows("SELECT * FROM transfer WHERE reference = \(reference) ORDER BY id FOR UPDATE").map { try TransferRecord(postgres: $0) }
    }

    /// Transfers waiting for the merchant, oldest first.
    public func openTransfers(now: Int) throws(LedgerError) -> [TransferRecord] {
        try read("list open transfers") { session in
            try session.rows("SELECT * FROM transfer WHERE status IN ('announced', 'received') ORDER BY id")
                .map { try TransferRecord(postgres: $0) }
                .filter { $0.status(now: now).isOpen }
        }
    }

    /// Marks announcements past their expiry as expired, and their pages. Safe on every instance at
    /// once: rows another instance is expiring are skipped, and each is expired once.
    @discardableResult
    public func expireTransfers(now: Int) throws(LedgerError) -> [TransferRecord] {
        try write("expire stale transfer announcements") { session in
            let expired = try session.rows("""
                UPDATE transfer SET status = 'expired', decidedAt = \(now)
                WHERE id IN (SELECT id FROM transfer WHERE status = 'announced' AND expiresAt < \(now) ORDER BY id FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).map { try TransferRecord(postgres: $0) }.sorted { ($0.id ?? 0) < ($1.id ?? 0) }
            for customerID in Set(expired.map(\.customerID)).sorted() {
                try PostgresLedger.markDirty(customerID, at: now, session: session)
            }
            return expired
        }
    }

    /// Approves the transfer on `reference` and books it, in one transaction (the rules of `Ledger.approveTransfer`).
    public func approveTransfer(reference: CreditorReference, amount: Money?, date: CalendarDate?, customerID: String,
                                account: Account, allowRepeat: Bool, at time: Int,
                                dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> Result<ApprovedTransfer, TransferProblem> {
        try write("approve transfer \(reference.value)", retryingConflicts: true) { session -> Result<ApprovedTransfer, TransferProblem> in
            try PostgresLedger.lock([PostgresLedger.lockKey(customerID: customerID, accountID: account.id)], session: session)
            guard let knownRow = try session.first("SELECT * FROM transferReference WHERE reference = \(reference.value)") else {
                return .failure(.unknownReference(reference.printed))
            }
            let known = try TransferReferenceRecord(postgres: knownRow)
            guard known.customerID == customerID, known.accountID == account.id else {
                return .failure(.wrongAccount(reference.printed))
            }
            let rows = try PostgresLedger.transfers(on: reference.value, session: session)
            var row: TransferRecord
            if known.purpose == .request {
                guard let request = rows.first else { return .failure(.unknownReference(reference.printed)) }
                if let open = rows.first(where: { $0.status.isOpen || $0.status == .expired }) {
                    row = open
                } else if request.status == .approved {
                    return .failure(.alreadyApproved(reference.printed, at: request.decidedAt ?? 0))
                } else {
                    return .failure(.alreadyRejected(reference.printed, at: request.decidedAt ?? 0))
                }
            } else if let received = rows.first(where: { $0.status == .received }) {
                row = received
            } else {
                guard let amount else { return .failure(.amountRequired(reference.printed)) }
                let day = (date ?? dateOf(time)).description
                if !allowRepeat, let same = rows.first(where: { $0.status == .approved && $0.receivedMinor == amount.minorUnits && $0.receivedOn == day }) {
                    return .failure(.alreadyApproved(reference.printed, at: same.decidedAt ?? 0))
                }
                let purpose: PaymentEvent.Purpose = known.purpose == .prepaid ? .topUp : .settle
                row = TransferRecord(
                    id: nil, reference: reference.value, kind: .receipt, customerID: customerID, accountID: account.id,
                    invoiceNumber: known.transferPurpose?.invoiceNumber, purpose: purpose, currency: amount.currency,
                    expectedMinor: nil, status: .received, createdAt: time, expiresAt: nil)
                row.receivedMinor = amount.minorUnits
                row.receivedOn = day
                row.id = try PostgresLedger.insert(row, session: session)
            }
            guard let booked = amount ?? row.received ?? row.expected else { return .failure(.amountRequired(reference.printed)) }
            guard booked.currency == account.currency else {
                return .failure(.currencyDiffers(reference.printed, amount: booked.currency.code, account: account.currency.code))
            }
            let day = date ?? row.receivedOn.flatMap { CalendarDate(iso: $0) } ?? dateOf(time)
            return try PostgresLedger.approve(&row, amount: booked, date: day, customerID: customerID, account: account, at: time,
                                              dateOf: dateOf, session: session, path: path)
        }
    }

    /// Books `row` as approved through the same booking as provider callbacks (provider `bank`,
    /// method transfer), then the transfer's status and its statement entry. The account is locked.
    static func approve(_ row: inout TransferRecord, amount: Money, date: CalendarDate, customerID: String, account: Account,
                        at time: Int, dateOf: (Int) -> CalendarDate, session: PostgresSession, path: String) throws -> Result<ApprovedTransfer, TransferProblem> {
        guard let id = row.id else { return .failure(.unknownReference(row.reference)) }
        var event = PaymentEvent(
            provider: Ledger.bankProvider, eventID: "transfer-\(id)", kind: .payment, paymentID: row.bankReference ?? "transfer-\(id)",
            amount: amount, occurredAt: (date.daysSinceEpoch * 86_400) + 43_200, customerID: customerID, accountID: account.id,
            invoiceNumber: row.invoiceNumber, purpose: row.purpose, method: .transfer)
        event.checkoutID = nil
        let (outcome, payment) = try book(event, target: .account(customerID: customerID, account: account),
                                          receivedAt: time, dateOf: dateOf, session: session)
        guard case .booked = outcome, let payment else {
            throw LedgerError(path: path, action: "approve transfer \(row.reference)", reason: "booking answered \(outcome.label)")
        }
        row.status = .approved
        row.decidedAt = time
        row.paymentRowID = payment.id
        if row.receivedMinor == nil { row.receivedMinor = amount.minorUnits }
        if row.receivedOn == nil { row.receivedOn = date.description }
        try update(row, session: session)
        if let bankReference = row.bankReference {
            try session.execute("UPDATE statementEntry SET outcome = 'approved', paymentRowID = \(payment.id) WHERE bankReference = \(bankReference)")
        }
        return .success(ApprovedTransfer(transfer: row, payment: payment))
    }

    /// Rejects the open transfer on `reference`: never booked, the page says so for a week.
    public func rejectTransfer(reference: CreditorReference, reason: String?, at time: Int) throws(LedgerError) -> Result<TransferRecord, TransferProblem> {
        try write("reject transfer \(reference.value)") { session -> Result<TransferRecord, TransferProblem> in
            guard try session.exists("SELECT 1 FROM transferReference WHERE reference = \(reference.value)") else {
                return .failure(.unknownReference(reference.printed))
            }
            let rows = try PostgresLedger.transfers(on: reference.value, session: session)
            guard var row = rows.first(where: { $0.status.isOpen || $0.status == .expired }) else {
                if let approved = rows.last(where: { $0.status == .approved }) {
                    return .failure(.alreadyApproved(reference.printed, at: approved.decidedAt ?? 0))
                }
                if let rejected = rows.last(where: { $0.status == .rejected }) {
                    return .failure(.alreadyRejected(reference.printed, at: rejected.decidedAt ?? 0))
                }
                return .failure(.nothingOpen(reference.printed))
            }
            row.status = .rejected
            row.decidedAt = time
            row.note = reason
            try PostgresLedger.update(row, session: session)
            if let bankReference = row.bankReference {
                try session.execute("UPDATE statementEntry SET outcome = 'rejected' WHERE bankReference = \(bankReference)")
            }
            try PostgresLedger.markDirty(row.customerID, at: time, session: session)
            return .success(row)
        }
    }
}
