import CustomerCenterModel
import Foundation
import GRDB

extension Ledger {
    /// The stored GiroCodes of `references` (printed RF references), by reference.
    public func giroCodes(references: [String]) throws(LedgerError) -> [String: StoredGiroCode] {
        guard !references.isEmpty else { return [:] }
        return try read("read GiroCodes") { db in
            var found: [String: StoredGiroCode] = [:]
            for part in Ledger.hostParameterParts(references) {
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT reference, payloadHash, size, modules, png FROM giroCode WHERE reference IN (\(databaseQuestionMarks(count: part.count)))
                    """, arguments: StatementArguments(part))
                while let row = try rows.next() {
                    let hash: Data = row[1]
                    let modules: Data = row[3]
                    let png: Data? = row[4]
                    found[row[0]] = StoredGiroCode(payloadHash: Array(hash), size: row[2], modules: Array(modules), png: png.map(Array.init))
                }
            }
            return found
        }
    }

    /// Keeps `codes` (by printed reference), replacing what was kept for those references.
    public func saveGiroCodes(_ codes: [String: StoredGiroCode]) throws(LedgerError) {
        guard !codes.isEmpty else { return }
        try writeUnflushed("save GiroCodes") { db in try Ledger.saveGiroCodes(codes, db: db) }
    }

    static func saveGiroCodes(_ codes: [String: StoredGiroCode], db: Database) throws {
        guard !codes.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO giroCode (reference, payloadHash, size, modules, png) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (reference) DO UPDATE SET payloadHash = excluded.payloadHash, size = excluded.size, modules = excluded.modules,
                png = excluded.png
            """)
        for (reference, code) in codes {
            try statement.execute(arguments: [reference, Data(code.payloadHash), code.size, Data(code.modules), code.png.map { Data($0) }])
        }
    }
}
