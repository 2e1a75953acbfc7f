@testable import CustomerCenterRender
import Testing

/// Builds render every chunk through `ParallelMap` on all cores. Its results were once kept in a
/// Swift array written from several threads at once, which corrupted the heap (a build of 1,000
/// customers crashed in malloc in CI); this runs many small maps of heap-allocated values, which
/// crashed within seconds that way, and checks every result lands in its own slot.
@Suite struct ParallelMapTests {
    @Test func everyResultInIndexOrderUnderContention() {
        for round in 0..<3_000 {
            let count = 1 + round % 97
            let results = ParallelMap.map(count) { index in String(repeating: "x", count: 40 + index) + String(round) }
            #expect(results.count == count)
            for (index, value) in results.enumerated() where value != String(repeating: "x", count: 40 + index) + String(round) {
                Issue.record("slot \(index) of \(count) holds \(value.prefix(60))")
            }
        }
        #expect(ParallelMap.map(0) { $0 }.isEmpty)
    }
}
