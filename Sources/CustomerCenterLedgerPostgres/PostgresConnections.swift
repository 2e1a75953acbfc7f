import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// The ledger's connections to PostgreSQL: at most `limit` open, lent one at a time to a transaction
/// or a read, reused while they stay open. A connection PostgreSQL closed (a restart, a network
/// failure) is dropped when it is next lent or when a query on it failed, and a new one is opened on
/// the next request: the engine reconnects by itself, and a request made while the server is away
/// fails with the reason (the receiver answers 503 and the provider retries).
final class PostgresConnections: @unchecked Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let limit: Int
    /// Guards `idle`, `open` and `closed`; waiters wait on it for a connection to come back.
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var closed = false
    private var nextID = 0
    /// Statements every new connection runs first (durability, timeouts).
    private let setup: [PostgresQuery]

    init(configuration: PostgresConnection.Configuration, limit: Int, setup: [PostgresQuery], logger: Logger) {
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.configuration = configuration
        self.limit = limit
        self.setup = setup
        self.logger = logger
    }

    /// Lends a connection to `body` and takes it back (or drops it when it closed).
    @discardableResult
    func withSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let connection = try borrow()
        let session = PostgresSession(connection: connection, logger: logger)
        do {
            let result = try body(session)
            giveBack(connection)
            return result
        } catch {
            giveBack(connection)
            throw error
        }
    }

    private func borrow() throws -> PostgresConnection {
        condition.lock()
        while true {
            if closed {
                condition.unlock()
                throw PostgresLedgerFailure.closed
            }
            if let connection = idle.popLast() {
                if connection.isClosed {
                    open -= 1
                    continue
                }
                condition.unlock()
                return connection
            }
            if open < limit { break }
            condition.wait()
        }
        open += 1
        nextID += 1
        let id = nextID
        condition.unlock()
        do {
            return try connect(id: id)
        } catch {
            condition.lock()
            open -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    /// Opens connection `id` and runs the setup statements on it.
    private func connect(id: Int) throws -> PostgresConnection {
        let connection = try BlockingFuture.get(PostgresConnection.connect(
            on: group.next(), configuration: configuration, id: id, logger: logger))
        do {
            for statement in setup { _ = try BlockingFuture.get(connection.query(statement, logger: logger)) }
        } catch {
            _ = try? BlockingFuture.get(connection.close())
            throw error
        }
        return connection
    }

    private func giveBack(_ connection: PostgresConnection) {
        condition.lock()
        if connection.isClosed || closed {
            open -= 1
            // The closure keeps the connection until it is closed: postgres-nio asserts that none is freed open.
            if !connection.isClosed { connection.close().whenComplete { _ in _ = connection } }
        } else {
            idle.append(connection)
        }
        condition.signal()
        condition.unlock()
    }

    /// Closes every idle connection and the event loop; lent ones close when they come back.
    ///
    /// Called from `PostgresLedger.deinit`, whichever thread lets go of the ledger last: that can be an
    /// event loop (the HTTP server's, when a request held the last reference to the receiver), where
    /// NIO forbids waiting for a group to shut down (it traps). There the connections and the group
    /// are closed without waiting.
    func shutdown() {
        condition.lock()
        closed = true
        let connections = idle
        idle = []
        open -= connections.count
        condition.broadcast()
        condition.unlock()
        guard MultiThreadedEventLoopGroup.currentEventLoop == nil else {
            // Each close keeps its connection until it completes (postgres-nio asserts that none is
            // freed open); the group goes once all have closed.
            let closing = connections.map { connection in connection.close().always { _ in _ = connection } }
            let group = self.group
            guard let first = closing.first else {
                group.shutdownGracefully { _ in }
                return
            }
            // Not from one of the group's own loops: from a dispatch queue.
            EventLoopFuture.andAllComplete(closing, on: first.eventLoop).whenComplete { _ in
                DispatchQueue.global().async { group.shutdownGracefully { _ in } }
            }
            return
        }
        for connection in connections { _ = try? BlockingFuture.get(connection.close()) }
        try? group.syncShutdownGracefully()
    }
}
