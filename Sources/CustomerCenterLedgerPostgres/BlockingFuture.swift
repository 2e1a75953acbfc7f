import Foundation
import NIOCore

/// Waits on the calling thread for a future of the ledger's own event loops. The ledger API is
/// synchronous (the SQLite engine blocks on fsync the same way); callers run it off Swift's
/// cooperative pool. Not `EventLoopFuture.wait()`, which traps on any event-loop thread: a wait here
/// only ever waits for this ledger's own loops, which never call into the ledger themselves.
///
/// `timeout` bounds the wait: a query on a connection the server terminated has been seen never to
/// complete (postgres-nio 1.33, `pg_terminate_backend` under load), which would stall the group commit
/// for good. After it the caller gets `PostgresLedgerFailure.timedOut` and drops the connection.
enum BlockingFuture {
    static func get<Value>(_ future: EventLoopFuture<Value>, timeout: DispatchTimeInterval = .seconds(30)) throws -> Value {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<Value>()
        future.whenComplete { result in
            box.result = result
            done.signal()
        }
        guard done.wait(timeout: .now() + timeout) == .success else { throw PostgresLedgerFailure.timedOut }
        // The semaphore orders the write before this read.
        guard let result = box.result else { throw PostgresLedgerFailure.noResult }
        return try result.get()
    }
}

/// The result handed from the event loop to the waiting thread (guarded by the semaphore).
private final class ResultBox<Value>: @unchecked Sendable {
    var result: Result<Value, any Error>?
}
