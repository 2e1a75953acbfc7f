import GRDB

/// An SQLite ledger read for `ledger migrate`: every table's rows in batches, and the totals to check
/// the copy against, all from one snapshot (a receiver still writing cannot make the copy and its
/// check disagree).
public final class LedgerExport: Sendable {
    /// The tables a copy carries, parents before the tables whose foreign keys point at them.
    public static let tables = ["payment", "allocation", "event", "dirtyPage", "pendingPayment", "transferReference", "transfer",
                                "statementEntry", "outgoingEmail", "giroCode", "refundReport", "linkMailing", "invoiceReminder",
                                "emailClaim"]

    public let path: String
    private let snapshot: DatabaseSnapshot

    /// A snapshot of `ledger` as it is now.
    public init(_ ledger: Ledger) throws(LedgerError) {
        path = ledger.path
        do { snapshot = try ledger.pool.makeSnapshot() } catch {
            throw LedgerError(path: ledger.path, action: "read the ledger", reason: "\(error)")
        }
    }

    /// The columns of `table`, in their order; a table of the list that the ledger lacks is an error.
    public func columns(of table: String) throws(LedgerError) -> [String] {
        let columns = try reading("read the columns of \(table)") { db in try db.columns(in: table).map(\.name) }
        guard !columns.isEmpty else { throw LedgerError(path: path, action: "read the ledger", reason: "it has no table \(table)") }
        return columns
    }

    /// Up to `limit` rows of `table` after the row with SQLite's `rowid` `after`, in rowid order, and the
    /// last rowid returned (for the next batch).
    public func rows(of table: String, columns: [String], after: Int64, limit: Int) throws(LedgerError) -> (rows: [[LedgerCell]], last: Int64) {
        try reading("read \(table)") { db in
            let list = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
            let found = try Row.fetchAll(db, sql: "SELECT rowid, \(list) FROM \(table.quotedDatabaseIdentifier) WHERE rowid > ? ORDER BY rowid LIMIT ?",
                                         arguments: [after, limit])
            // The one column kept in an SQLite-only form: a message's bytes as a JSON array of numbers (OutgoingEmail).
            let message = table == OutgoingEmail.databaseTableName ? columns.firstIndex(of: "message") : nil
            var last = after
            var rows: [[LedgerCell]] = []
            rows.reserveCapacity(found.count)
            for row in found {
                last = row[0]
                var cells = try (1...columns.count).map { index throws -> LedgerCell in
                    switch row[index] as DatabaseValue {
                    case let value where value.isNull: return .null
                    case let value: switch value.storage {
                        case .int64(let number): return .integer(number)
                        case .string(let text): return .text(text)
                        case .blob(let data): return .blob(Array(data))
                        case .double, .null: throw LedgerError(path: path, action: "read \(table)",
                                                               reason: "column \(columns[index - 1]) holds a value no ledger column has (a real number)")
                        }
                    }
                }
                if let message, case .text(let stored) = cells[message] {
                    guard let bytes = OutgoingEmail.bytes(stored: stored) else {
                        throw LedgerError(path: path, action: "read \(table)", reason: "the message of email row \(last) is not the stored form of bytes")
                    }
                    cells[message] = .blob(bytes)
                }
                rows.append(cells)
            }
            return (rows, last)
        }
    }

    /// Rows per table and money per account, from the same snapshot as the rows.
    public func totals() throws(LedgerError) -> LedgerTotals {
        try reading("sum the ledger") { db in
            var totals = LedgerTotals()
            for table in LedgerExport.tables {
                totals.rows[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0
            }
            for query in LedgerTotals.moneyQueries {
                for row in try Row.fetchAll(db, sql: query) { totals.money[row[0]] = [row[1], row[2]] }
            }
            return totals
        }
    }

    private func reading<T: Sendable>(_ action: String, _ body: @Sendable (Database) throws -> T) throws(LedgerError) -> T {
        do { return try snapshot.read(body) } catch let error as LedgerError { throw error } catch {
            throw LedgerError(path: path, action: action, reason: "\(error)")
        }
    }
}
