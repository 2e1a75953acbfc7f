import CustomerCenterModel
import Foundation
import GRDB
import Synchronization

/// The SQLite ledger of what happened since the content was exported: payments and refunds from
/// providers, how they were allocated, every callback event received, and pages still to regenerate.
///
/// One `DatabasePool` per file for the life of the process, in WAL mode with `synchronous = FULL`:
/// a booking acknowledged to a provider must survive a power cut. Every booking is one write
/// transaction. The only file besides the records that imports GRDB's database types.
public final class Ledger: LedgerStore, Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool
    /// Bumped by every write except group-committed bookings, which keep `bookedPayments` current.
    let writeGeneration = Mutex(0)
    /// Booked payments by account, kept by group commits (`Ledger.book(_:dateOf:)`).
    let bookedPayments = Mutex(BookedPayments())
    /// True when an unflushed write failed to set `synchronous = FULL` back (see `writeUnflushed`).
    let synchronousReset = Mutex(false)

    /// Opens (creating if needed) the ledger at `path` and applies pending migrations.
    public init(path: String) throws(LedgerError) {
        self.path = path
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            configuration.busyMode = .timeout(10)
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB switches its writer to `synchronous = NORMAL` when it turns WAL on, after
            // `prepareDatabase` ran: set FULL again on the one writer connection (DurabilityTests).
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Ledger.migrator.migrate(pool)
        } catch {
            throw LedgerError(path: path, action: "open the ledger", reason: "\(error)")
        }
    }

    /// Runs `body` in one write transaction, naming `action` in any error.
    func write<T: Sendable>(_ action: String, _ body: @Sendable (Database) throws -> T) throws(LedgerError) -> T {
        try naming(action) {
            try restoreFullSynchronousIfNeeded()
            return try pool.write { db in
                // Inside the transaction: a group commit that starts after this one sees the new generation.
                writeGeneration.withLock { $0 += 1 }
                return try body(db)
            }
        }
    }

    /// Runs `body` in one write transaction that is not flushed to disk before returning
    /// (`synchronous = NORMAL` for this transaction only), for writes that a crash may lose at no cost:
    /// clearing a page mark (a lost clear regenerates the page once more) and keeping GiroCodes (a
    /// cache). The WAL stays consistent; the next durable commit flushes this one with it.
    func writeUnflushed<T: Sendable>(_ action: String, _ body: @Sendable (Database) throws -> T) throws(LedgerError) -> T {
        try naming(action) {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                var result: Result<T, any Error> = .failure(LedgerError(path: path, action: action, reason: "the transaction did not run"))
                do {
                    try db.inTransaction {
                        result = .success(try body(db))
                        return .commit
                    }
                } catch {
                    result = .failure(error)
                }
                // Back to FULL before anything else writes. Not with `try?`: were this to fail, every
                // later booking would be acknowledged without a flush. The error is thrown instead,
                // and the next durable write sets FULL again first.
                do { try db.execute(sql: "PRAGMA synchronous = FULL") } catch {
                    synchronousReset.withLock { $0 = true }
                    throw error
                }
                return try result.get()
            }
        }
    }

    /// Sets `synchronous = FULL` again on the writer when an unflushed write could not restore it,
    /// before a durable write (SQLite refuses the change inside a transaction).
    func restoreFullSynchronousIfNeeded() throws {
        guard synchronousReset.withLock({ $0 }) else { return }
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        synchronousReset.withLock { $0 = false }
    }

    /// Runs `body` on a read-only snapshot.
    func read<T: Sendable>(_ action: String, _ body: @Sendable (Database) throws -> T) throws(LedgerError) -> T {
        try naming(action) { try pool.read(body) }
    }

    /// Runs `work`, turning any error but a `LedgerError` into one that names the ledger and `action`.
    func naming<T>(_ action: String, _ work: () throws -> T) throws(LedgerError) -> T {
        do {
            return try work()
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(path: path, action: action, reason: "\(error)")
        }
    }
}
