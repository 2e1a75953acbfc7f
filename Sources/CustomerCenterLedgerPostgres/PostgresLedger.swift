import CustomerCenterLedger
import CustomerCenterModel
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// The ledger in PostgreSQL, for several receivers on one database: the same API (`LedgerStore`) and
/// the same guarantees as the SQLite engine (docs/architecture.md, "The ledger on PostgreSQL"):
///
/// - Exactly once by event id and by money id: unique keys in the database, so two instances
///   booking the same event at the same moment book it once (the loser's insert waits for the
///   winner's commit, fails, and its booking is run again and finds the winner's rows).
/// - A booking, its allocation rows, page mark, checkout and event record in one transaction,
///   committed with `synchronous_commit = on` before the method returns.
/// - Bookings on one account serialised across instances: a transaction takes a transaction-scoped
///   advisory lock per account it books to, all at the start, in sorted order (so two group commits
///   cannot deadlock on them); a deadlock or serialisation failure that still occurs is retried.
///
/// Methods block the calling thread until PostgreSQL answered, like the SQLite engine blocks on its
/// fsync; callers keep them off Swift's cooperative pool and off event loops.
public final class PostgresLedger: LedgerStore, Sendable {
    /// The URL without its password (messages name the ledger by it).
    public let path: String
    let connections: PostgresConnections
    /// PostgreSQL releases before this one lack what the schema and the queries use.
    public static let minimumServerVersion = 120_000

    /// Connects to `url` (the password from `url` or `password`), checks the server and applies the
    /// migrations it lacks. Every problem (unreachable host, wrong password or database, a server too
    /// old) is one `LedgerError` naming the URL without its password and the reason.
    public init(url: PostgresLedgerURL, password: String? = nil, maximumConnections: Int = 8,
                logger: Logger = Logger(label: "customer-center.ledger")) throws(LedgerError) {
        path = url.description
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password ?? password,
            database: url.database, tls: .disable)
        do {
            configuration.tls = try PostgresLedger.tls(url.tls)
        } catch {
            throw LedgerError(path: url.description, action: "open the ledger", reason: "TLS: \(error)")
        }
        configuration.options.connectTimeout = .seconds(10)
        connections = PostgresConnections(
            configuration: configuration, limit: maximumConnections,
            setup: [
                // A commit returns only once it is flushed on the server (and on a synchronous standby).
                "SET synchronous_commit = on",
                // Like SQLite's busy timeout: a lock held too long fails the request (503, retried). A statement
                // ends before the client's 30-second wait for an answer (`BlockingFuture`).
                "SET lock_timeout = '10s'",
                "SET statement_timeout = '25s'",
            ],
            logger: logger)
        do {
            try checkServer()
            try migrate()
        } catch {
            connections.shutdown()
            throw error
        }
    }

    deinit {
        connections.shutdown()
    }

    /// Closes the connections (the ledger cannot be used afterwards).
    public func close() {
        connections.shutdown()
    }

    static func tls(_ mode: PostgresLedgerURL.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(try .init(configuration: .makeClientConfiguration()))
        case .require: return .require(try .init(configuration: .makeClientConfiguration()))
        }
    }

    /// Refuses a server older than `minimumServerVersion`.
    private func checkServer() throws(LedgerError) {
        let version = try read("open the ledger") { session in
            try session.integer("SELECT current_setting('server_version_num')::bigint")
        }
        guard version >= PostgresLedger.minimumServerVersion else {
            throw LedgerError(path: path, action: "open the ledger",
                              reason: "PostgreSQL \(version / 10_000) is too old; version \(PostgresLedger.minimumServerVersion / 10_000) or newer is needed")
        }
        let synchronous = try read("open the ledger") { session -> String in
            guard let row = try session.first("SHOW synchronous_commit") else { throw PostgresLedgerFailure.noRow }
            return try row[0].decode(String.self)
        }
        guard synchronous == "on" else {
            throw LedgerError(path: path, action: "open the ledger", reason: "synchronous_commit is \(synchronous), not on")
        }
    }

    // MARK: Transactions

    /// How many times a transaction that lost a deadlock or a serialisation conflict is run again.
    static let attempts = 5

    /// Runs `body` in one transaction, committed before returning; `durable: false` commits without
    /// waiting for the flush (clearing page marks, keeping GiroCodes: a crash may lose them at no cost).
    /// A deadlock, a serialisation failure, and with `retryingConflicts` a unique-key conflict with a
    /// concurrent transaction, run the whole transaction again.
    @discardableResult
    func write<T>(_ action: String, durable: Bool = true, retryingConflicts: Bool = false,
                  _ body: (PostgresSession) throws -> T) throws(LedgerError) -> T {
        try naming(action) {
            var attempt = 1
            while true {
                do {
                    return try connections.withSession { session in
                        try session.execute("BEGIN")
                        do {
                            if !durable { try session.execute("SET LOCAL synchronous_commit = off") }
                            let result = try body(session)
                            try session.execute("COMMIT")
                            return result
                        } catch {
                            if !session.connection.isClosed { _ = try? session.execute("ROLLBACK") }
                            throw error
                        }
                    }
                } catch {
                    let state = PostgresLedger.sqlState(error)
                    let retry = state == "40001" || state == "40P01" || (retryingConflicts && state == "23505")
                    guard retry, attempt < PostgresLedger.attempts else { throw error }
                    attempt += 1
                }
            }
        }
    }

    /// Runs `body` on one connection outside an explicit transaction (each statement sees every commit before it).
    func read<T>(_ action: String, _ body: (PostgresSession) throws -> T) throws(LedgerError) -> T {
        try naming(action) { try connections.withSession(body) }
    }

    /// Runs `body` in a read-only transaction: one snapshot for several queries.
    func snapshot<T>(_ action: String, _ body: (PostgresSession) throws -> T) throws(LedgerError) -> T {
        try naming(action) {
            try connections.withSession { session in
                try session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                do {
                    let result = try body(session)
                    try session.execute("COMMIT")
                    return result
                } catch {
                    if !session.connection.isClosed { _ = try? session.execute("ROLLBACK") }
                    throw error
                }
            }
        }
    }

    /// Runs `work`, turning any error but a `LedgerError` into one naming the ledger and `action`.
    func naming<T>(_ action: String, _ work: () throws -> T) throws(LedgerError) -> T {
        do {
            return try work()
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(path: path, action: action, reason: PostgresLedger.describe(error))
        }
    }

    /// The SQLSTATE of a PostgreSQL error, if `error` is one.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// A reason for messages: PostgreSQL's own message and SQLSTATE, or what failed on the connection
    /// (postgres-nio's descriptions are generic on purpose; these name no query values).
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo {
            let message = info[.message] ?? "server error"
            let detail = info[.detail].map { " (\($0))" } ?? ""
            return "\(message)\(detail) [SQLSTATE \(info[.sqlState] ?? "?")]"
        }
        switch error.code {
        case .connectionError:
            return error.underlying.map(connectFailure) ?? "cannot connect"
        case .serverClosedConnection, .uncleanShutdown:
            return "the server closed the connection" + (error.underlying.map { ": " + systemReason($0) } ?? "")
        case .clientClosedConnection:
            return "the connection was closed"
        case .authMechanismRequiresPassword:
            return "the server asks for a password: set CUSTOMER_CENTER_LEDGER_PASSWORD or ledger_password in the secrets file"
        case .unsupportedAuthMechanism:
            return "the server asks for an authentication method postgres-nio does not support"
        case .sslUnsupported:
            return "the server does not support TLS (sslmode=require)"
        default:
            return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        }
    }

    /// Why a connection could not be made, in one short clause: the host not found, or the
    /// system's reason for the first address tried ("Connection refused"), never NIO's type dump.
    static func connectFailure(_ error: any Error) -> String {
        if let failure = error as? NIOConnectionError {
            if let first = failure.connectionErrors.first {
                return "cannot connect to \(failure.host):\(failure.port): " + systemReason(first.error)
            }
            if failure.dnsAError != nil || failure.dnsAAAAError != nil { return "cannot connect: host \(failure.host) not found" }
            return "cannot connect to \(failure.host):\(failure.port)"
        }
        if let unknown = error as? SocketAddressError.UnknownHost { return "cannot connect: host \(unknown.host) not found" }
        return "cannot connect: " + systemReason(error)
    }

    /// An `IOError`'s system message (strerror), or the error as it describes itself.
    static func systemReason(_ error: any Error) -> String {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        if case .connectTimeout = error as? ChannelError { return "no answer within the connect timeout (10 s)" }
        return "\(error)"
    }
}
