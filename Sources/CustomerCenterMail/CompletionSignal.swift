import Foundation

/// A value that arrives once (a process's exit, the end of its pipes), awaited with a time limit by any
/// number of tasks without blocking a thread.
final class CompletionSignal<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?
    private var waiters: [Int: CheckedContinuation<Value?, Never>] = [:]
    private var nextWaiter = 0

    /// Delivers the value to every waiter; later calls are ignored.
    func fire(_ newValue: Value) {
        lock.lock()
        guard value == nil else { lock.unlock(); return }
        value = newValue
        let waiting = waiters
        waiters = [:]
        lock.unlock()
        for continuation in waiting.values { continuation.resume(returning: newValue) }
    }

    /// Wakes every current waiter with nil, as if its time were up: used when the task is cancelled.
    func interruptWaiters() {
        lock.lock()
        let waiting = waiters
        waiters = [:]
        lock.unlock()
        for continuation in waiting.values { continuation.resume(returning: nil) }
    }

    /// The value, or nil if it has not arrived within `timeout`.
    func wait(timeout: Duration) async -> Value? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
            lock.lock()
            if let value {
                lock.unlock()
                continuation.resume(returning: value)
                return
            }
            let id = nextWaiter
            nextWaiter += 1
            waiters[id] = continuation
            lock.unlock()
            let (seconds, attoseconds) = timeout.components
            let nanoseconds = min(max(0, seconds), 1 << 32) * 1_000_000_000 + attoseconds / 1_000_000_000
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(clamping: nanoseconds))) { [self] in
                lock.lock()
                let expired = waiters.removeValue(forKey: id)
                lock.unlock()
                expired?.resume(returning: nil)
            }
        }
    }
}
