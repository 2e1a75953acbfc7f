import Logging
import NIOCore
import PostgresNIO

/// One connection lent to one transaction or read: each query blocks the calling thread until
/// PostgreSQL answered (`BlockingFuture`).
final class PostgresSession {
    let connection: PostgresConnection
    let logger: Logger

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Runs `query` and returns its rows.
    @discardableResult
    func rows(_ query: PostgresQuery) throws -> [PostgresRandomAccessRow] {
        try answer(query).rows.map { $0.makeRandomAccess() }
    }

    /// Runs `query`, for its effect; returns the rows it changed.
    @discardableResult
    func execute(_ query: PostgresQuery) throws -> Int {
        try answer(query).metadata.rows ?? 0
    }

    /// Runs `query`; a query that got no answer in time closes the connection, so that the pool drops
    /// it and the next request connects afresh.
    private func answer(_ query: PostgresQuery) throws -> PostgresQueryResult {
        do {
            return try BlockingFuture.get(connection.query(query, logger: logger))
        } catch PostgresLedgerFailure.timedOut {
            connection.close().whenComplete { _ in }
            throw PostgresLedgerFailure.timedOut
        }
    }

    /// The first row of `query`, if any.
    func first(_ query: PostgresQuery) throws -> PostgresRandomAccessRow? {
        try rows(query).first
    }

    /// True when `query` returns a row.
    func exists(_ query: PostgresQuery) throws -> Bool {
        try first(query) != nil
    }

    /// The integer in the first column of the first row (`SELECT COUNT(*) ...`, `INSERT ... RETURNING id`).
    func integer(_ query: PostgresQuery) throws -> Int64 {
        guard let row = try first(query), row.count > 0 else { throw PostgresLedgerFailure.noRow }
        return try row[0].decode(Int64.self)
    }

    /// Runs `body` inside a savepoint: rolled back to it when `body` throws (the transaction goes on).
    func savepoint<T>(_ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT booking")
        do {
            let result = try body()
            try execute("RELEASE SAVEPOINT booking")
            return result
        } catch {
            if !connection.isClosed { try execute("ROLLBACK TO SAVEPOINT booking") }
            throw error
        }
    }
}

/// Failures of this engine that are not PostgreSQL's own errors.
enum PostgresLedgerFailure: Error, CustomStringConvertible {
    case noResult
    case noRow
    case closed
    case timedOut

    var description: String {
        switch self {
        case .noResult: "the query ended without a result"
        case .noRow: "the query returned no row"
        case .closed: "the ledger is closed"
        case .timedOut: "no answer from PostgreSQL within 30 s (the connection is dropped)"
        }
    }
}
