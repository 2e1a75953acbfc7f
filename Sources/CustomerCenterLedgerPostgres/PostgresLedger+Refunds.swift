import CustomerCenterLedger
import CustomerCenterModel
import PostgresNIO

extension PostgresLedger {
    /// Books a refund event so that every refund of a payment counts once, whatever shape and order
    /// its events have: the rules of `Ledger.bookRefund` (each refund id and each running total kept
    /// once in `refundReport`; what is booked raised to the larger of the ids' sum and the largest
    /// total, never lowered). The payment's reports are read under an advisory lock on (provider,
    /// payment id), so two instances counting refunds of one payment take turns.
    static func bookRefund(_ event: PaymentEvent, target: BookingTarget, receivedAt: Int, dateOf: (Int) -> CalendarDate,
                           session: PostgresSession, booked cache: BookedAccounts?) throws -> (outcome: BookingOutcome, row: LedgerPayment?) {
        let currency = event.amount.currency
        // Refunds of one payment are counted one transaction at a time, in every instance.
        try session.execute("SELECT pg_advisory_xact_lock(2, hashtext(\(event.provider + "/" + event.paymentID)))")
        let reports = try session.rows("""
            SELECT * FROM refundReport WHERE provider = \(event.provider) AND providerPaymentID = \(event.paymentID)
            """).map { try RefundReport(postgres: $0) }
        var known = Set(reports.map { $0.kind.rawValue + "\u{0}" + $0.refundID })
        let inCurrency = reports.filter { $0.currency == currency }
        var idSum = inCurrency.filter { $0.kind == .refund }.reduce(0) { $0.saturatingAdd($1.amountMinor) }
        var largestTotal = inCurrency.filter { $0.kind == .total }.map(\.amountMinor).max() ?? 0
        var bookedSoFar = Int(try session.integer("""
            SELECT COALESCE(SUM(amountMinor), 0)::bigint FROM payment
            WHERE provider = \(event.provider) AND providerPaymentID = \(event.paymentID) AND kind = 'refund' AND currency = \(currency.code)
            """))

        var raises: [(refundID: String, amountMinor: Int)] = []
        var newReports = 0
        func report(_ kind: RefundReport.Kind, _ refundID: String, _ amountMinor: Int) throws {
            guard known.insert(kind.rawValue + "\u{0}" + refundID).inserted else { return }
            try session.execute("""
                INSERT INTO refundReport (provider, providerPaymentID, kind, refundID, amountMinor, currency, sourceEvent, receivedAt)
                VALUES (\(event.provider), \(event.paymentID), \(kind.rawValue), \(refundID), \(amountMinor), \(currency.code),
                        \(event.eventID), \(receivedAt))
                """)
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
        if event.refunds.isEmpty && event.refundedTotal == nil { try report(.refund, "", event.amount.minorUnits) }

        guard !raises.isEmpty else {
            let detail = newReports == 0 ? "refund already booked" : "refund already counted in what was booked for payment \(event.paymentID)"
            try recordEvent(event, outcome: .duplicatePayment, detail: detail, receivedAt: receivedAt, session: session)
            return (.duplicatePayment, nil)
        }

        // A refund belongs wherever its payment was booked, whatever its own metadata says.
        let original = try session.first("""
            SELECT * FROM payment WHERE provider = \(event.provider) AND providerPaymentID = \(event.paymentID) AND kind = 'payment'
            LIMIT 1
            """).map { try LedgerPayment(postgres: $0) }
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
            } else if original.status == .booked, let customerID = original.customerID, let accountID = original.accountID {
                // Booked to an account this booking did not lock: lock it now (a deadlock this could
                // cause is detected by PostgreSQL and the whole transaction runs again).
                try lock([lockKey(customerID: customerID, accountID: accountID)], session: session)
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

        let bookedBefore = try account.map { account in
            try cache?.accounts[account.id] ?? bookedPayments(of: account, session: session, dateOf: dateOf)
        }
        var added: [RecordedPayment] = []
        for index in rows.indices {
            rows[index].id = try insert(rows[index], session: session)
            let row = rows[index]
            guard row.status == .booked else { continue }
            guard let account, let bookedBefore, row.accountID == account.id, let rowID = row.id else {
                if let id = row.accountID { cache?.accounts[id] = nil }
                continue
            }
            let before = Ledger.settlement(of: account, booked: bookedBefore + added, dateOf: dateOf)
            if let recorded = row.recorded(dateOf: dateOf) { added.append(recorded) }
            let after = Ledger.settlement(of: account, booked: bookedBefore + added, dateOf: dateOf)
            try insertAllocations(after.difference(from: before), paymentRowID: rowID, session: session)
        }
        if let account, let bookedBefore { cache?.accounts[account.id] = bookedBefore + added }
        if case .booked(let customerID) = outcome, !customerID.isEmpty {
            try mark(customerID, at: receivedAt, session: session, batch: cache)
        }
        try recordEvent(event, outcome: outcome, detail: rows[0].note, receivedAt: receivedAt, session: session)
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
