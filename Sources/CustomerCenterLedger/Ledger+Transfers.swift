import CustomerCenterModel
import GRDB

extension Ledger {
    /// Records a top-up the customer announces by transfer, with a fresh RF reference, and marks the
    /// page. Asking again for the same amount while the first announcement waits (a reloaded
    /// confirmation page) returns that announcement instead of a second reference.
    public func requestTopUp(customerID: String, accountID: String, amount: Money, at time: Int,
                             expiresAt: Int) throws(LedgerError) -> (transfer: TransferRecord, isNew: Bool) {
        try write("record top-up request for \(customerID)/\(accountID)") { db in
            if let waiting = try TransferRecord
                .filter(TransferRecord.Columns.customerID == customerID && TransferRecord.Columns.accountID == accountID
                    && TransferRecord.Columns.status == TransferStatus.announced
                    && Column("kind") == TransferRecord.Kind.request
                    && Column("expectedMinor") == amount.minorUnits && Column("currency") == amount.currency
                    && Column("createdAt") >= time - 3_600)
                .order(Column("id").desc).fetchOne(db) {
                return (waiting, false)
            }
            let reference = try Ledger.unusedReference(db)
            try TransferReferenceRecord(reference: reference.value, purpose: .request,
                                        customerID: customerID, accountID: accountID, invoiceNumber: reference.value,
                                        createdAt: time).insert(db)
            var row = TransferRecord(
                id: nil, reference: reference.value, kind: .request, customerID: customerID, accountID: accountID,
                invoiceNumber: nil, purpose: .topUp, currency: amount.currency,
                expectedMinor: amount.minorUnits, status: .announced, createdAt: time, expiresAt: expiresAt)
            try row.insert(db)
            try Ledger.markDirty(customerID, at: time, db: db)
            return (row, true)
        }
    }

    /// Transfers waiting for the merchant: announced (and not expired) or received but not approved, oldest first.
    public func openTransfers(now: Int) throws(LedgerError) -> [TransferRecord] {
        try read("list open transfers") { db in
            try TransferRecord
                .filter([TransferStatus.announced, TransferStatus.received].contains(TransferRecord.Columns.status))
                .order(Column("id")).fetchAll(db)
                .filter { $0.status(now: now).isOpen }
        }
    }

    /// Every transfer on `reference`, oldest first.
    public func transfers(reference: CreditorReference) throws(LedgerError) -> [TransferRecord] {
        try read("read transfers on \(reference.value)") { db in
            try TransferRecord.filter(TransferRecord.Columns.reference == reference.value).order(Column("id")).fetchAll(db)
        }
    }

    /// The transfers `customerID`'s page shows: open ones, and for a week those rejected or expired.
    /// Approved ones show as payments instead.
    public func transferActivity(customerID: String, now: Int, dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> [AnnouncedTransfer] {
        let rows = try read("read transfers of \(customerID)") { db in
            try TransferRecord.filter(TransferRecord.Columns.customerID == customerID).order(Column("id").desc).fetchAll(db)
        }
        return rows.compactMap { Ledger.transferView($0, now: now, dateOf: dateOf) }
    }

    /// A transfer as a page shows it, or nil when the page does not show it.
    package static func transferView(_ row: TransferRecord, now: Int, dateOf: (Int) -> CalendarDate) -> AnnouncedTransfer? {
        let status = row.status(now: now)
        guard status != .approved, let reference = row.creditorReference else { return nil }
        if !status.isOpen, now - (row.decidedAt ?? row.expiresAt ?? row.createdAt) > 7 * 86_400 { return nil }
        return AnnouncedTransfer(accountID: row.accountID, invoiceNumber: row.invoiceNumber, reference: reference,
                                 amount: row.expected, received: row.received, status: status,
                                 announced: dateOf(row.createdAt), expires: row.expiresAt.map(dateOf))
    }

    /// Marks announcements past their expiry as expired, and their pages; returns them.
    @discardableResult
    public func expireTransfers(now: Int) throws(LedgerError) -> [TransferRecord] {
        try write("expire stale transfer announcements") { db in
            let stale = try TransferRecord
                .filter(TransferRecord.Columns.status == TransferStatus.announced && Column("expiresAt") < now)
                .fetchAll(db)
            var expired: [TransferRecord] = []
            for var row in stale {
                row.status = .expired
                row.decidedAt = now
                try row.update(db)
                try Ledger.markDirty(row.customerID, at: now, db: db)
                expired.append(row)
            }
            return expired
        }
    }

    /// Approves the transfer on `reference` and books `amount` (default: what the statement showed,
    /// else what was announced) to `account`, dated `date`, in one transaction with the allocation,
    /// the page mark and the transfer's new status.
    ///
    /// A top-up request's reference is approved once. On a permanent reference (a prepaid account's,
    /// an invoice's) the oldest received transfer is approved; with none received, `amount` books a
    /// transfer the merchant saw on the account, and the same amount on the same day again is refused
    /// unless `allowRepeat`.
    public func approveTransfer(reference: CreditorReference, amount: Money?, date: CalendarDate?, customerID: String,
                                account: Account, allowRepeat: Bool = false, at time: Int,
                                dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> Result<ApprovedTransfer, TransferProblem> {
        try write("approve transfer \(reference.value)") { db -> Result<ApprovedTransfer, TransferProblem> in
            guard let known = try TransferReferenceRecord.fetchOne(db, key: reference.value) else {
                return .failure(.unknownReference(reference.printed))
            }
            guard known.customerID == customerID, known.accountID == account.id else {
                return .failure(.wrongAccount(reference.printed))
            }
            let rows = try TransferRecord.filter(TransferRecord.Columns.reference == reference.value).order(Column("id")).fetchAll(db)
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
                let invoiceNumber: String? = known.transferPurpose?.invoiceNumber
                row = TransferRecord(
                    id: nil, reference: reference.value, kind: .receipt, customerID: customerID, accountID: account.id,
                    invoiceNumber: invoiceNumber, purpose: purpose, currency: amount.currency,
                    expectedMinor: nil, status: .received, createdAt: time, expiresAt: nil)
                row.receivedMinor = amount.minorUnits
                row.receivedOn = day
                try row.insert(db)
            }
            guard let booked = amount ?? row.received ?? row.expected else { return .failure(.amountRequired(reference.printed)) }
            guard booked.currency == account.currency else {
                return .failure(.currencyDiffers(reference.printed, amount: booked.currency.code, account: account.currency.code))
            }
            let day = date ?? row.receivedOn.flatMap { CalendarDate(iso: $0) } ?? dateOf(time)
            return try Ledger.approve(&row, amount: booked, date: day, customerID: customerID, account: account, at: time,
                                      dateOf: dateOf, db: db)
        }
    }

    /// Books `row` as approved: the payment through the same booking as provider callbacks (provider
    /// `bank`, method transfer), then the transfer's status and its statement entry.
    static func approve(_ row: inout TransferRecord, amount: Money, date: CalendarDate, customerID: String, account: Account,
                        at time: Int, dateOf: (Int) -> CalendarDate, db: Database) throws -> Result<ApprovedTransfer, TransferProblem> {
        guard let id = row.id else { return .failure(.unknownReference(row.reference)) }
        var event = PaymentEvent(
            provider: bankProvider, eventID: "transfer-\(id)", kind: .payment, paymentID: row.bankReference ?? "transfer-\(id)",
            amount: amount, occurredAt: (date.daysSinceEpoch * 86_400) + 43_200, customerID: customerID, accountID: account.id,
            invoiceNumber: row.invoiceNumber, purpose: row.purpose, method: .transfer)
        event.checkoutID = nil
        let (outcome, payment) = try Ledger.book(event, target: .account(customerID: customerID, account: account),
                                                 receivedAt: time, dateOf: dateOf, db: db)
        guard case .booked = outcome, let payment else {
            // Nothing was written for a duplicate; throwing rolls back anything else.
            throw LedgerError(path: "", action: "approve transfer \(row.reference)", reason: "booking answered \(outcome.label)")
        }
        row.status = .approved
        row.decidedAt = time
        row.paymentRowID = payment.id
        if row.receivedMinor == nil { row.receivedMinor = amount.minorUnits }
        if row.receivedOn == nil { row.receivedOn = date.description }
        try row.update(db)
        if let bankReference = row.bankReference, var entry = try StatementEntryRecord.fetchOne(db, key: bankReference) {
            entry.outcome = .approved
            entry.paymentRowID = payment.id
            try entry.update(db)
        }
        return .success(ApprovedTransfer(transfer: row, payment: payment))
    }

    /// Rejects the open transfer on `reference` (the announcement, or the oldest received one): it is
    /// never booked, and the page says so for a week.
    public func rejectTransfer(reference: CreditorReference, reason: String?, at time: Int) throws(LedgerError) -> Result<TransferRecord, TransferProblem> {
        try write("reject transfer \(reference.value)") { db -> Result<TransferRecord, TransferProblem> in
            guard try TransferReferenceRecord.exists(db, key: reference.value) else { return .failure(.unknownReference(reference.printed)) }
            let rows = try TransferRecord.filter(TransferRecord.Columns.reference == reference.value).order(Column("id")).fetchAll(db)
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
            try row.update(db)
            if let bankReference = row.bankReference, var entry = try StatementEntryRecord.fetchOne(db, key: bankReference) {
                entry.outcome = .rejected
                try entry.update(db)
            }
            try Ledger.markDirty(row.customerID, at: time, db: db)
            return .success(row)
        }
    }

    /// The provider name of bank transfers in the payment table.
    public static let bankProvider = "bank"
}

/// A transfer approved, and the payment it booked.
public struct ApprovedTransfer: Sendable {
    public var transfer: TransferRecord
    public var payment: LedgerPayment

    public init(transfer: TransferRecord, payment: LedgerPayment) {
        self.transfer = transfer
        self.payment = payment
    }
}

/// Why a transfer cannot be approved or rejected. References are printed in groups of four.
public enum TransferProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownReference(String)
    case wrongAccount(String)
    case alreadyApproved(String, at: Int)
    case alreadyRejected(String, at: Int)
    case amountRequired(String)
    case nothingOpen(String)
    case currencyDiffers(String, amount: String, account: String)

    public var description: String {
        switch self {
        case .unknownReference(let reference): "reference \(reference) was never handed out by this ledger"
        case .wrongAccount(let reference): "reference \(reference) belongs to another account"
        case .alreadyApproved(let reference, _): "the transfer on \(reference) is already approved; approving twice would book it twice"
        case .alreadyRejected(let reference, _): "the transfer on \(reference) was rejected; it cannot be approved or rejected again"
        case .amountRequired(let reference): "nothing was received on \(reference) yet: give the amount received with --amount"
        case .nothingOpen(let reference): "no announced or received transfer on \(reference) to reject"
        case .currencyDiffers(let reference, let amount, let account): "the transfer on \(reference) is in \(amount), the account in \(account)"
        }
    }
}
