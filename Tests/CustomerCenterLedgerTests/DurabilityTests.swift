@testable import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import GRDB
import Testing

/// Bookings are flushed to disk before they are acknowledged (`synchronous = FULL`); only page marks
/// and kept GiroCodes are written unflushed, and that never leaks into the next booking.
@Suite struct DurabilityTests {
    func synchronous(_ ledger: Ledger) throws -> Int {
        try ledger.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous")! }
    }

    @Test func anUnflushedWriteLeavesTheWriterFlushingEveryCommit() throws {
        let folder = TemporaryFolder("ledger-durability")
        let ledger = try Ledger(path: folder.file(".customer-center/ledger.sqlite"))
        #expect(try synchronous(ledger) == 2, "FULL")
        try ledger.clearDirty([DirtyPage(customerID: "1001", markedAt: 1)],
                              savingGiroCodes: ["RF18539007547034": StoredGiroCode(payloadHash: [1, 2], size: 21, modules: [0xFF])])
        #expect(try synchronous(ledger) == 2, "FULL again after clearing marks")
        #expect(try ledger.giroCodes(references: ["RF18539007547034"])["RF18539007547034"]?.modules == [0xFF])
        // Also when the unflushed transaction fails.
        #expect(throws: LedgerError.self) {
            try ledger.writeUnflushed("fail") { db in try db.execute(sql: "INSERT INTO nowhere VALUES (1)") }
        }
        #expect(try synchronous(ledger) == 2, "FULL again after a failed unflushed write")
    }
}
