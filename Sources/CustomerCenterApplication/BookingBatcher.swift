import CustomerCenterLedger
import CustomerCenterModel
import Foundation

/// Group commit for callbacks: bookings that arrive while a transaction is being written wait and go
/// into the next one together, so concurrent callbacks share one fsync instead of queueing for one
/// each. Every caller is answered only after the transaction holding its booking has committed
/// (`synchronous = FULL`): a booking acknowledged to a provider survives a power cut.
actor BookingBatcher {
    private let ledger: any LedgerStore
    private let dateOf: @Sendable (Int) -> CalendarDate
    private var waiting: [(BookingRequest, CheckedContinuation<Result<BookingOutcome, LedgerError>, Never>)] = []
    private var writing = false
    /// SQLite writes block their thread; they run here, off Swift's cooperative pool.
    private let writeQueue = DispatchQueue(label: "customer-center.ledger-writes")
    /// At most this many bookings per transaction, to bound each commit's latency.
    static let maximumBatch = 256

    init(ledger: any LedgerStore, dateOf: @escaping @Sendable (Int) -> CalendarDate) {
        self.ledger = ledger
        self.dateOf = dateOf
    }

    /// Books `request` in the next group commit; a failure carries the ledger's reason (the caller logs
    /// it, answers 503, and the provider retries).
    func book(_ request: BookingRequest) async -> Result<BookingOutcome, LedgerError> {
        await withCheckedContinuation { continuation in
            waiting.append((request, continuation))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(Self.maximumBatch))
            waiting.removeFirst(batch.count)
            let outcomes = await commit(batch.map(\.0))
            for (index, entry) in batch.enumerated() { entry.1.resume(returning: outcomes[index]) }
        }
        writing = false
    }

    private nonisolated func commit(_ requests: [BookingRequest]) async -> [Result<BookingOutcome, LedgerError>] {
        await withCheckedContinuation { (done: CheckedContinuation<[Result<BookingOutcome, LedgerError>], Never>) in
            writeQueue.async { [ledger, dateOf] in
                do throws(LedgerError) {
                    done.resume(returning: try ledger.book(requests, dateOf: dateOf))
                } catch {
                    // The transaction itself failed: every booking in it failed for the same reason.
                    done.resume(returning: Array(repeating: .failure(error), count: requests.count))
                }
            }
        }
    }
}
