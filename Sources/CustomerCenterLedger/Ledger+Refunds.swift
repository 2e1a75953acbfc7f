import CustomerCenterModel
import GRDB

extension Ledger {
    /// Books a refund event so that every refund of a payment counts once, whatever shape and order
    /// its events have. Stripe names a refund by its id in one event (older API versions list the
    /// charge's refunds) and only states the running total in another (newer versions); a retried
    /// old event can arrive after a new one. Both are lower bounds of what was really refunded:
    /// the distinct refund ids add up to no more than it, and no running total exceeds it.
    ///
    /// So each refund id and each total is kept once (`refundReport`), and what is booked for the
    /// payment (in the event's currency) is raised to `max(sum of distinct refund ids, largest total)`,
    /// never lowered: a report that adds nothing books nothing (`duplicatePayment`). Each raise is
    /// one entry, named by the refund id or the `total-<amount>` that caused it, so an event listing
    /// several new refunds books each of them. The entries go where the payment went, or wait for it.
    static func bookRefund(_ event: PaymentEvent, target: BookingTarget, receivedAt: Int, dateOf: (Int) -> CalendarDate,
                           db: Database, booked cache: AccountPayments?) throws -> (outcome: BookingOutcome, row: LedgerPayment?) {
        let currency = event.amount.currency
        let reports = try RefundReport.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM refundReport WHERE provider = ? AND providerPaymentID = ?"),
            arguments: [event.provider, event.paymentID])
        var known = Set(reports.map { $0.kind.rawValue + "\u{0}" + $0.refundID })
        let inCurrency = reports.filter { $0.currency == currency }
        var idSum = inCurrency.filter { $0.kind == .refund }.reduce(0) { $0.saturatingAdd($1.amountMinor) }
        var largestTotal = inCurrency.filter { $0.kind == .total }.map(\.amountMinor).max() ?? 0
        var bookedSoFar = try Int.fetchOne(
            db.cachedStatement(sql: """
                SELECT COALESCE(SUM(amountMinor), 0) FROM payment
                WHERE provider = ? AND providerPaymentID = ? AND kind = 'refund' AND currency = ?
                """),
            arguments: [event.provider, event.paymentID, currency]) ?? 0

        // Each new report is kept, and books what it raises the payment's refunds to.
        var raises: [(refundID: String, amountMinor: Int)] = []
        var newReports = 0
        func report(_ kind: RefundReport.Kind, _ refundID: String, _ amountMinor: Int) throws {
            guard known.insert(kind.rawValue + "\u{0}" + refundID).inserted else { return }
            var record = RefundReport(provider: event.provider, providerPaymentID: event.paymentID, kind: kind, refundID: refundID,
                                      amountMinor: amountMinor, currency: currency, sourceEvent: event.eventID, receivedAt: receivedAt)
            try record.insert(db)
            newReports += 1
            switch kind {
            case .refund: idSum = idSum.saturatingAdd(amountMinor)
            case .total: largestTotal = max(largestTotal, amountMinor)
            }
            let counted = max(idSum, largestTotal)
            if counted > bookedSoFar {
                raises.append((refundID, counted - bookedSoFar))
                bookedSoFar = counted
            }
        }
        for refund in event.refunds { try report(.refund, refund.id, refund.amount.minorUnits) }
        if let total = event.refundedTotal { try report(.total, RefundReport.totalID(total.minorUnits), total.minorUnits) }
        // A refund event that names neither (no parser makes one) is its amount, once per payment.
        if event.refunds.isEmpty && event.refundedTotal == nil { try report(.refund, "", event.amount.minorUnits) }

        guard !raises.isEmpty else {
            let detail = newReports == 0 ? "refund already booked" : "refund already counted in what was booked for payment \(event.paymentID)"
            try Ledger.recordEvent(event, outcome: .duplicatePayment, detail: detail, receivedAt: receivedAt, db: db)
            return (.duplicatePayment, nil)
        }

        // A refund belongs wherever its payment was booked, whatever its own metadata says.
        let original = try LedgerPayment
            .filter(LedgerPayment.Columns.provider == event.provider
                && LedgerPayment.Columns.providerPaymentID == event.paymentID
                && LedgerPayment.Columns.kind == PaymentEvent.Kind.payment)
            .fetchOne(db)
        var rows = raises.map { raise in
            LedgerPayment(
                id: nil, provider: event.provider, providerPaymentID: event.paymentID, kind: .refund,
                refundID: raise.refundID, status: .waiting, customerID: nil, accountID: nil,
                invoiceNumber: event.invoiceNumber, purpose: event.purpose, method: event.method,
                amountMinor: raise.amountMinor, currency: currency,
                occurredAt: event.occurredAt, bookedAt: receivedAt, sourceEvent: event.eventID, note: nil)
        }
        var account: Account?
        let outcome: BookingOutcome
        if let original {
            for index in rows.indices { rows[index].follow(original) }
            if case .account(let customerID, let matched) = target, customerID == original.customerID, matched.id == original.accountID {
                account = matched
            }
            outcome = rows[0].status == .booked
                ? .booked(customerID: original.customerID ?? "")
                : .unmatched(reason: rows[0].note ?? "refund of an unmatched payment")
        } else {
            for index in rows.indices {
                rows[index].note = "waiting for payment \(event.paymentID)"
                if case .account(let customerID, let matched) = target {
                    rows[index].customerID = customerID
                    rows[index].accountID = matched.id
                }
            }
            outcome = .waitingForPayment
        }

        // Allocation changes are recorded per entry, each against the settlement before it.
        let bookedBefore = try account.map { account in
            try cache?.accounts[account.id] ?? Ledger.bookedPayments(of: account, db: db, dateOf: dateOf)
        }
        var added: [RecordedPayment] = []
        for index in rows.indices {
            try rows[index].insert(db)
            let row = rows[index]
            guard row.status == .booked else { continue }
            guard let account, let bookedBefore, row.accountID == account.id, let rowID = row.id else {
                // Booked to an account this booking did not read: read again next time.
                if let id = row.accountID { cache?.forget(id) }
                continue
            }
            let before = Ledger.settlement(of: account, booked: bookedBefore + added, dateOf: dateOf)
            if let recorded = row.recorded(dateOf: dateOf) { added.append(recorded) }
            let after = Ledger.settlement(of: account, booked: bookedBefore + added, dateOf: dateOf)
            for (invoice, delta) in after.difference(from: before) {
                var allocation = LedgerAllocation(id: nil, paymentRowID: rowID, invoiceNumber: invoice, amountMinor: delta)
                try allocation.insertPrepared(db)
            }
        }
        if let account, let bookedBefore { cache?.keep(account, booked: bookedBefore + added, settlement: nil) }
        if case .booked(let customerID) = outcome, !customerID.isEmpty {
            try Ledger.markDirty(customerID, at: receivedAt, db: db)
        }
        try Ledger.recordEvent(event, outcome: outcome, detail: rows[0].note, receivedAt: receivedAt, db: db)
        return (outcome, rows.last)
    }
}

private extension Int {
    /// `self + other`, held at `Int.max` rather than trapping (a sum of reports only compares).
    func saturatingAdd(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
