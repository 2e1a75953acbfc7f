import CustomerCenterModel
import GRDB

extension Ledger {
    /// What the ledger adds to the pages of `customerIDs`, in one read transaction: three queries for
    /// the whole batch (a full build reads the ledger for every page; `activity` is the batch of one).
    public func activities(customerIDs: [String], now: Int,
                           dateOf: @escaping @Sendable (Int) -> CalendarDate) throws(LedgerError) -> [String: CustomerActivity] {
        guard !customerIDs.isEmpty else { return [:] }
        let (payments, checkouts, transfers) = try read("read the activity of \(customerIDs.count) customers") { db in
            (try Ledger.rows(LedgerPayment.self, of: customerIDs, order: "id", db: db),
             try Ledger.rows(PendingPayment.self, of: customerIDs, order: "id DESC", db: db),
             try Ledger.rows(TransferRecord.self, of: customerIDs, order: "id DESC", db: db))
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

    /// `references` for many customers: one read for the whole batch, and one write transaction for
    /// the references still to hand out (a first build hands out one per open invoice and prepaid
    /// account; one transaction each would cost an fsync each).
    public func references(batch: [String: [TransferPurpose]], at time: Int) throws(LedgerError) -> [String: [TransferPurpose: CreditorReference]] {
        let customerIDs = batch.keys.filter { !(batch[$0]?.isEmpty ?? true) }
        guard !customerIDs.isEmpty else { return [:] }
        let rows = try read("read transfer references of \(customerIDs.count) customers") { db in
            try Ledger.rows(TransferReferenceRecord.self, of: customerIDs, order: "reference", db: db)
        }
        var known: [String: [TransferPurpose: CreditorReference]] = [:]
        for (customerID, group) in Dictionary(grouping: rows, by: \.customerID) { known[customerID] = Ledger.byPurpose(group) }
        let missing = customerIDs.filter { id in batch[id, default: []].contains { known[id]?[$0] == nil } }
        if !missing.isEmpty {
            let added = try write("hand out transfer references for \(missing.count) customers") { db in
                var added: [String: [TransferPurpose: CreditorReference]] = [:]
                for customerID in missing {
                    let existing = Ledger.byPurpose(try TransferReferenceRecord
                        .filter(TransferReferenceRecord.Columns.customerID == customerID).fetchAll(db))
                    for purpose in batch[customerID, default: []] {
                        if let reference = existing[purpose] { added[customerID, default: [:]][purpose] = reference; continue }
                        let reference = try Ledger.unusedReference(db)
                        let isPrepaid: Bool = { if case .prepaid = purpose { return true } else { return false } }()
                        try TransferReferenceRecord(reference: reference.value, purpose: isPrepaid ? .prepaid : .invoice,
                                                    customerID: customerID, accountID: purpose.accountID,
                                                    invoiceNumber: purpose.invoiceNumber ?? "", createdAt: time).insert(db)
                        added[customerID, default: [:]][purpose] = reference
                    }
                }
                return added
            }
            for (customerID, references) in added { known[customerID, default: [:]].merge(references) { $1 } }
        }
        // Only the purposes asked for: a paid invoice's old reference is not quoted any more.
        var result: [String: [TransferPurpose: CreditorReference]] = [:]
        for customerID in customerIDs {
            let wanted = Set(batch[customerID, default: []])
            result[customerID] = known[customerID]?.filter { wanted.contains($0.key) } ?? [:]
        }
        return result
    }

    /// The rows of `Record`'s table whose `customerID` is one of `customerIDs`, in `order`. Plain SQL
    /// in a statement prepared once per number of ids (a build asks for chunks of 256): GRDB's query
    /// builder spent longer writing the SQL of a 256-id `IN` than SQLite took to run it, a tenth of a
    /// no-change rebuild. Chunks beyond SQLite's limit of host parameters are read in parts.
    static func rows<Record: FetchableRecord & TableRecord>(_ type: Record.Type, of customerIDs: [String], order: String,
                                                            db: Database) throws -> [Record] {
        var rows: [Record] = []
        for part in hostParameterParts(customerIDs) {
            let statement = try db.cachedStatement(sql: """
                SELECT * FROM \(Record.databaseTableName) WHERE customerID IN (\(databaseQuestionMarks(count: part.count))) ORDER BY \(order)
                """)
            rows += try Record.fetchAll(statement, arguments: StatementArguments(part))
        }
        return rows
    }

    /// `values` in parts that fit SQLite's default limit on host parameters (32,766) as an `IN` list;
    /// a build chunk asks for a few hundred to a thousand, so nearly always one part.
    static func hostParameterParts(_ values: [String]) -> [[String]] {
        stride(from: 0, to: values.count, by: 30_000).map { Array(values[$0 ..< min($0 + 30_000, values.count)]) }
    }
}
