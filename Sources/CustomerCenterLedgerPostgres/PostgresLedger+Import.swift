import CustomerCenterLedger
import Foundation
import PostgresNIO

extension PostgresLedger {
    /// What `importLedger` did.
    public struct ImportReport: Sendable, Equatable {
        /// Rows copied per table, in the order copied.
        public var rows: [(table: String, count: Int)]
        /// The totals both ledgers agree on.
        public var totals: LedgerTotals

        public static func == (left: ImportReport, right: ImportReport) -> Bool {
            left.rows.map(\.table) == right.rows.map(\.table) && left.rows.map(\.count) == right.rows.map(\.count) && left.totals == right.totals
        }
    }

    /// Copies the SQLite ledger `source` into this ledger, which must hold no rows (it was just created
    /// or migrated; a ledger with any row is refused, naming the table), in one transaction: every
    /// table with the same ids and values, identity counters set past the copied ids, and before the
    /// commit the copy's row counts and money per account checked against the source's. Any failure
    /// or difference rolls everything back, leaving this ledger empty.
    public func importLedger(_ source: LedgerExport) throws(LedgerError) -> ImportReport {
        let expected = try source.totals()
        return try write("copy the ledger from \(source.path)") { session in
            // Two copies started at once into one database: the second waits, then finds rows and stops.
            try session.execute("SELECT pg_advisory_xact_lock(0, 2)")
            for table in LedgerExport.tables {
                let count = try session.integer(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)"))
                if count > 0 {
                    throw LedgerError(path: path, action: "copy the ledger",
                                      reason: "the target is not empty: table \(table) holds \(count) \(count == 1 ? "row" : "rows") (copy only into a new, empty database)")
                }
            }
            var report = ImportReport(rows: [], totals: expected)
            for table in LedgerExport.tables {
                let columns = try source.columns(of: table)
                let types = try PostgresLedger.columnTypes(of: table, session: session)
                let targets = try columns.map { column throws -> String in
                    guard let type = types[column.lowercased()] else {
                        throw LedgerError(path: path, action: "copy the ledger", reason: "table \(table) has no column \(column) here")
                    }
                    return type
                }
                // PostgreSQL takes at most 65,535 parameters per statement.
                let batch = max(1, min(1_000, 60_000 / columns.count))
                var after: Int64 = 0
                var copied = 0
                while true {
                    let (rows, last) = try source.rows(of: table, columns: columns, after: after, limit: batch)
                    guard !rows.isEmpty else { break }
                    try session.execute(try PostgresLedger.insert(rows, into: table, columns: columns, types: targets, ledger: path))
                    copied += rows.count
                    after = last
                }
                if columns.contains("id"), copied > 0 {
                    // Identity columns took given ids; the next generated one must follow the copied.
                    try session.execute(PostgresQuery(unsafeSQL: "SELECT setval(pg_get_serial_sequence('\(table.lowercased())', 'id'), (SELECT MAX(id) FROM \(table)))"))
                }
                report.rows.append((table, copied))
            }
            let found = try PostgresLedger.totals(session: session)
            if let difference = expected.difference(from: found) {
                throw LedgerError(path: path, action: "check the copy", reason: "the copy differs from the source (nothing was kept): \(difference)")
            }
            return report
        }
    }

    /// Rows per table and money per account of this ledger.
    public func totals() throws(LedgerError) -> LedgerTotals {
        try snapshot("sum the ledger") { session in try PostgresLedger.totals(session: session) }
    }

    static func totals(session: PostgresSession) throws -> LedgerTotals {
        var totals = LedgerTotals()
        for table in LedgerExport.tables {
            totals.rows[table] = Int(try session.integer(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)")))
        }
        for query in LedgerTotals.moneyQueries {
            for row in try session.rows(PostgresQuery(unsafeSQL: query)) {
                totals.money[try row[0].decode(String.self)] = [Int(try row[1].decode(Int64.self)), Int(try row[2].decode(Int64.self))]
            }
        }
        return totals
    }

    /// The data type of each column of `table`, by lower-cased name.
    static func columnTypes(of table: String, session: PostgresSession) throws -> [String: String] {
        var types: [String: String] = [:]
        for row in try session.rows("""
            SELECT column_name::text, data_type::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = \(table.lowercased())
            """) {
            types[try row[0].decode(String.self)] = try row[1].decode(String.self)
        }
        return types
    }

    /// One `INSERT` of `rows`, each value bound as the column's type; a value of another kind names
    /// its table, column and row.
    static func insert(_ rows: [[LedgerCell]], into table: String, columns: [String], types: [String],
                       ledger: String) throws -> PostgresQuery {
        var binds = PostgresBindings(capacity: rows.count * columns.count)
        var values: [String] = []
        values.reserveCapacity(rows.count)
        var parameter = 0
        for (number, row) in rows.enumerated() {
            var placeholders: [String] = []
            for (index, cell) in row.enumerated() {
                parameter += 1
                placeholders.append("$\(parameter)")
                switch (cell, types[index]) {
                case (.null, _): binds.appendNull()
                case (.integer(let value), "bigint"), (.integer(let value), "integer"): binds.append(value)
                case (.text(let value), "text"): binds.append(value)
                case (.blob(let value), "bytea"): try binds.append(Data(value))
                default:
                    throw LedgerError(path: ledger, action: "copy the ledger",
                                      reason: "table \(table), row \(number + 1) of a batch, column \(columns[index]): \(cell.kind) where PostgreSQL has \(types[index])")
                }
            }
            values.append("(" + placeholders.joined(separator: ", ") + ")")
        }
        return PostgresQuery(unsafeSQL: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES " + values.joined(separator: ", "), binds: binds)
    }
}

extension LedgerCell {
    /// The kind of value, for messages (never the value: it may be a customer's data).
    var kind: String {
        switch self {
        case .null: "NULL"
        case .integer: "an integer"
        case .text: "text"
        case .blob: "bytes"
        }
    }
}
