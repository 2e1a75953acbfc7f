import CustomerCenterLedger
import CustomerCenterModel
import PostgresNIO

extension PostgresLedger {
    /// Books `requests` in one durable transaction (a group commit), each in its own savepoint so that
    /// one failing booking leaves the others intact. The accounts of all of them are locked first, in
    /// sorted order. A booking that collides with the same event or money booked at the same moment
    /// by another instance (a unique key) runs again in its savepoint and then finds it booked.
    public func book(_ requests: [BookingRequest], dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError)
        -> [Result<BookingOutcome, LedgerError>] {
        guard !requests.isEmpty else { return [] }
        let path = self.path
        return try write("book \(requests.count) events") { session in
            try PostgresLedger.lockAccounts(of: requests.map(\.target), session: session)
            let booked = BookedAccounts()
            var outcomes: [Result<BookingOutcome, LedgerError>] = []
            outcomes.reserveCapacity(requests.count)
            for request in requests {
                let action = "book event \(request.event.provider)/\(request.event.eventID)"
                var attempt = 1
                while true {
                    do {
                        let outcome = try session.savepoint {
                            try PostgresLedger.book(request.event, target: request.target, receivedAt: request.receivedAt,
                                                    dateOf: dateOf, session: session, booked: booked).outcome
                        }
                        outcomes.append(.success(outcome))
                        break
                    } catch {
                        // The savepoint rolled this booking back: what it kept may be wrong, and is read again.
                        booked.accounts = [:]
                        let state = PostgresLedger.sqlState(error)
                        // The whole transaction is lost (connection, deadlock): the caller's retry or 503.
                        if session.connection.isClosed || state == "40P01" || state == "40001" { throw error }
                        if state == "23505", attempt < 3 {
                            attempt += 1
                            continue
                        }
                        outcomes.append(.failure(LedgerError(path: path, action: action, reason: PostgresLedger.describe(error))))
                        break
                    }
                }
            }
            try PostgresLedger.markBatch(booked.marks, session: session)
            return outcomes
        }
    }

    /// What the ledger adds to the pages of `customerIDs`, from one snapshot: three queries for the batch.
    public func activities(customerIDs: [String], now: Int,
                           dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> [String: CustomerActivity] {
        guard !customerIDs.isEmpty else { return [:] }
        let (payments, checkouts, transfers) = try snapshot("read the activity of \(customerIDs.count) customers") { session in
            (try session.rows("SELECT * FROM payment WHERE customerID = ANY(\(customerIDs)::text[]) ORDER BY id")
                .map { try LedgerPayment(postgres: $0) },
             try session.rows("SELECT * FROM pendingPayment WHERE customerID = ANY(\(customerIDs)::text[]) ORDER BY id DESC")
                .map { try PendingPayment(postgres: $0) },
             try session.rows("SELECT * FROM transfer WHERE customerID = ANY(\(customerIDs)::text[]) ORDER BY id DESC")
                .map { try TransferRecord(postgres: $0) })
        }
        var result: [String: CustomerActivity] = [:]
        for row in payments {
            guard let customerID = row.customerID, let recorded = row.recorded(dateOf: dateOf) else { continue }
            result[customerID, default: .none].recorded.append(recorded)
        }
        for row in checkouts {
            guard let view = Ledger.checkoutView(row, now: now, dateOf: dateOf) else { continue }
            result[row.customerID, default: .none].checkouts.append(view)
        }
        for row in transfers {
            guard let view = Ledger.transferView(row, now: now, dateOf: dateOf) else { continue }
            result[row.customerID, default: .none].transfers.append(view)
        }
        return result
    }

    /// What the ledger adds to `customerID`'s page as of `now`.
    public func activity(customerID: String, now: Int, dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> CustomerActivity {
        try activities(customerIDs: [customerID], now: now, dateOf: dateOf)[customerID] ?? .none
    }

    /// `references` for many customers: one read for the batch, one transaction for the new ones. Two
    /// instances handing out a reference for the same purpose at once collide on its unique key; the
    /// loser's transaction runs again and finds the winner's.
    public func references(batch: [String: [TransferPurpose]], at time: Int) throws(LedgerError) -> [String: [TransferPurpose: CreditorReference]] {
        let customerIDs = batch.keys.filter { !(batch[$0]?.isEmpty ?? true) }.sorted()
        guard !customerIDs.isEmpty else { return [:] }
        let rows = try read("read transfer references of \(customerIDs.count) customers") { session in
            try session.rows("SELECT * FROM transferReference WHERE customerID = ANY(\(customerIDs)::text[])")
                .map { try TransferReferenceRecord(postgres: $0) }
        }
        var known: [String: [TransferPurpose: CreditorReference]] = [:]
        for (customerID, group) in Dictionary(grouping: rows, by: \.customerID) { known[customerID] = Ledger.byPurpose(group) }
        let missing = customerIDs.filter { id in batch[id, default: []].contains { known[id]?[$0] == nil } }
        if !missing.isEmpty {
            let added = try write("hand out transfer references for \(missing.count) customers", retryingConflicts: true) { session in
                var added: [String: [TransferPurpose: CreditorReference]] = [:]
                let existingRows = try session.rows("SELECT * FROM transferReference WHERE customerID = ANY(\(missing)::text[])")
                    .map { try TransferReferenceRecord(postgres: $0) }
                var existing: [String: [TransferPurpose: CreditorReference]] = [:]
                for (customerID, group) in Dictionary(grouping: existingRows, by: \.customerID) { existing[customerID] = Ledger.byPurpose(group) }
                for customerID in missing {
                    for purpose in batch[customerID, default: []] {
                        if let reference = existing[customerID]?[purpose] { added[customerID, default: [:]][purpose] = reference; continue }
                        let reference = try PostgresLedger.unusedReference(session)
                        let isPrepaid: Bool = { if case .prepaid = purpose { return true } else { return false } }()
                        try PostgresLedger.insert(TransferReferenceRecord(
                            reference: reference.value, purpose: isPrepaid ? .prepaid : .invoice, customerID: customerID,
                            accountID: purpose.accountID, invoiceNumber: purpose.invoiceNumber ?? "", createdAt: time), session: session)
                        added[customerID, default: [:]][purpose] = reference
                    }
                }
                return added
            }
            for (customerID, references) in added { known[customerID, default: [:]].merge(references) { $1 } }
        }
        var result: [String: [TransferPurpose: CreditorReference]] = [:]
        for customerID in customerIDs {
            let wanted = Set(batch[customerID, default: []])
            result[customerID] = known[customerID]?.filter { wanted.contains($0.key) } ?? [:]
        }
        return result
    }
}
