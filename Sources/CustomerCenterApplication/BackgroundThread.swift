import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One long-lived thread that runs jobs in order at a lower CPU priority (nice 10). Linux keeps nice
/// values per thread, so only this thread yields: under load, request handling gets the cores first
/// and the jobs (page regeneration) use the time left. A dispatch queue would not do: its blocks run
/// on shared pool threads, and lowering one of those would slow whatever runs there next.
///
/// Measured under `wrk`: nice 19 and `SCHED_IDLE` booked no more callbacks than nice 10 (the thread
/// runs in the gaps while callbacks wait for their commit), but would starve pages whenever the
/// cores are busy, as in a test run. Nice 10 it stays.
///
/// The thread lives as long as its owner: when the `BackgroundThread` goes, the thread finishes the
/// jobs it was given and ends.
final class BackgroundThread: Sendable {
    private let queue = JobQueue()

    init(name: String, nice: Int32 = 10) {
        let thread = Thread { [queue] in
            // `who` 0 is the calling thread on Linux.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
            while let job = queue.next() { job() }
        }
        thread.name = name
        thread.start()
    }

    deinit { queue.close() }

    /// Runs `job` on the thread, after the jobs before it.
    func run(_ job: @escaping @Sendable () -> Void) {
        queue.append(job)
    }

    /// Jobs in order, shared by the owner and its thread (the thread must not keep the owner alive).
    private final class JobQueue: @unchecked Sendable {
        // Guarded by `condition`.
        private let condition = NSCondition()
        private var jobs: [@Sendable () -> Void] = []
        private var closed = false

        func append(_ job: @escaping @Sendable () -> Void) {
            condition.lock()
            jobs.append(job)
            condition.signal()
            condition.unlock()
        }

        /// The next job, waiting for one; nil once closed and empty.
        func next() -> (@Sendable () -> Void)? {
            condition.lock()
            defer { condition.unlock() }
            while jobs.isEmpty && !closed { condition.wait() }
            return jobs.isEmpty ? nil : jobs.removeFirst()
        }

        func close() {
            condition.lock()
            closed = true
            condition.signal()
            condition.unlock()
        }
    }
}
