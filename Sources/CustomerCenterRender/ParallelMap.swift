import Foundation

/// Runs `body` for 0..<count on all cores (`DispatchQueue.concurrentPerform`) and returns the results
/// in index order. Builds render in chunks through this: bounded memory, every core busy.
enum ParallelMap {
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.set(index, body(index))
        }
        return slots.values
    }

    /// One slot per index; each index is written by exactly one iteration, so no lock is needed.
    private final class Slots<T>: @unchecked Sendable {
        private var storage: [T?]
        init(_ count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: T) {
            storage.withUnsafeMutableBufferPointer { $0[index] = value }
        }
        var values: [T] { storage.map { $0! } }
    }
}
