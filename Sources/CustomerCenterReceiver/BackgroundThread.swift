import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One long-lived thread that runs jobs in order at idle CPU priority. Linux keeps scheduling
/// policies per thread, so only this thread yields: request handling gets the cores first and the
/// jobs (page regeneration) use the time left.
///
/// `SCHED_IDLE`, not a nice value: measured under `wrk`, a thread at nice 10 or even 19 still took
/// 70% of a core from the callbacks, because the kernel lets a running task finish its slice when a
/// callback thread wakes; an idle-policy task is preempted at once. Under sustained full load pages
/// therefore lag (coalesced, every mark kept in the ledger) and catch up as soon as a core is free.
/// A dispatch queue would not do: its blocks run on shared pool threads, and lowering one of those
/// would slow whatever runs there next.
final class BackgroundThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []

    init(name: String) {
        let thread = Thread { [condition] in
            // pid 0 is the calling thread. Should the policy be refused, nice 19 is the fallback.
            var parameters = sched_param(sched_priority: 0)
            if sched_setscheduler(0, 5 /* SCHED_IDLE, not exported to Swift */, &parameters) != 0 {
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            }
            while true {
                condition.lock()
                while self.jobs.isEmpty { condition.wait() }
                let job = self.jobs.removeFirst()
                condition.unlock()
                job()
            }
        }
        thread.name = name
        thread.start()
    }

    /// Runs `job` on the thread, after the jobs before it.
    func run(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }
}
