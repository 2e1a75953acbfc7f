@testable import CustomerCenterLedger
import CustomerCenterLedgerTestSupport
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

/// Kept GiroCodes with their page image, on both engines: saved, read back, replaced.
@Suite struct KeptGiroCodeTests {
    @Test(arguments: LedgerEngineKind.available) func aKeptCodeKeepsItsImage(_ engine: LedgerEngineKind) throws {
        let folder = TemporaryFolder("kept-girocodes")
        let test = try TestLedger(engine, folder: folder.path)
        defer { test.drop() }
        let ledger = test.store
        let code = StoredGiroCode(payloadHash: [1, 2], size: 21, modules: [0xFF, 0x01], png: [0x89, 0x50, 0x4E, 0x47])
        try ledger.saveGiroCodes(["RF18539007547034": code, "RF46276172692249": StoredGiroCode(payloadHash: [3], size: 21, modules: [0])])
        let read = try ledger.giroCodes(references: ["RF18539007547034", "RF46276172692249", "RF00000000000000"])
        #expect(read["RF18539007547034"] == code)
        #expect(read["RF46276172692249"]?.png == nil, "a code kept without an image")
        #expect(read.count == 2)
        let redrawn = StoredGiroCode(payloadHash: [9], size: 25, modules: [0x0F], png: [1, 2, 3])
        try ledger.saveGiroCodes(["RF18539007547034": redrawn])
        #expect(try ledger.giroCodes(references: ["RF18539007547034"])["RF18539007547034"] == redrawn)
    }
}
