import Foundation

/// Blocking work in an async test (a child process, a build, many ledger reads) on a thread of its
/// own. The suite's tests share Swift's cooperative threads, two on a 2-core machine: a test that
/// blocks one stalls every other test's timers and continuations (seen as mail-command timeouts of
/// one second taking forty).
public enum OwnThread {
    /// Runs `work` on a new thread and returns its result.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
