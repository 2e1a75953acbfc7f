import Foundation

/// Runs `body` for 0..<count on all cores (`DispatchQueue.concurrentPerform`) and returns the results
/// in index order. Builds render in chunks through this: bounded memory, every core busy.
enum ParallelMap {
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.set(index, body(index))
        }
        return slots.values
    }

    /// One slot per index in memory allocated once; each index is written by exactly one iteration,
    /// so no lock is needed. Not a Swift array: writing an array stored in a class from several
    /// threads at once is a data race on the array itself (its uniqueness check and its buffer),
    /// which corrupted the heap under load.
    private final class Slots<T>: @unchecked Sendable {
        private let storage: UnsafeMutableBufferPointer<T?>
        init(_ count: Int) {
            storage = .allocate(capacity: count)
            storage.initialize(repeating: nil)
        }
        deinit {
            storage.deinitialize()
            storage.deallocate()
        }
        func set(_ index: Int, _ value: T) {
            storage[index] = value
        }
        var values: [T] { storage.map { $0! } }
    }
}
