@testable import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import GRDB
import Testing

/// Migration v8 (typed columns) on a real ledger of the previous version: `Fixtures/ledger-v6.sqlite`
/// was written by the commands of commit ef46098, whose newest migration is v6
/// (scripts/make-ledger-fixture.sh says how). Opened by today's `Ledger`, it runs v7 and v8 and must
/// keep every row of every table as it was, decode into the typed records, and then refuse values
/// outside the enums.
@Suite struct LedgerMigrationTests {
    /// The tables of a v6 ledger.
    static let v6Tables = ["payment", "allocation", "event", "dirtyPage", "pendingPayment", "transferReference", "transfer",
                           "statementEntry", "outgoingEmail", "giroCode"]
    static let v6 = "v6 GiroCodes by reference"

    /// A copy of the fixture in `folder`, so the committed file is never changed.
    func copyOfFixture(in folder: TemporaryFolder) throws -> String {
        let source = try #require(Bundle.module.url(forResource: "ledger-v6", withExtension: "sqlite", subdirectory: "Fixtures"))
        let path = folder.file("ledger.sqlite")
        try FileManager.default.copyItem(atPath: source.path, toPath: path)
        return path
    }

    /// Every row of `table` in rowid order, column by column, as SQLite holds it.
    static func rows(_ db: Database, _ table: String) throws -> [[String: DatabaseValue]] {
        try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY rowid").map { row in
            Dictionary(zip(row.columnNames, row.databaseValues), uniquingKeysWith: { first, _ in first })
        }
    }

    /// Every row of `Record`'s table decoded and encoded again, in rowid order.
    static func decoded<Record: FetchableRecord & EncodableRecord & TableRecord>(_ type: Record.Type, _ db: Database) throws
        -> [[String: DatabaseValue]] {
        try Record.fetchAll(db, sql: "SELECT * FROM \(Record.databaseTableName.quotedDatabaseIdentifier) ORDER BY rowid")
            .map { try $0.databaseDictionary }
    }

    /// The AUTOINCREMENT counters.
    static func counters(_ db: Database) throws -> [String: Int] {
        Dictionary(try Row.fetchAll(db, sql: "SELECT name, seq FROM sqlite_sequence").map { ($0[0] as String, $0[1] as Int) },
                   uniquingKeysWith: { first, _ in first })
    }

    @Test func everyRowOfAV6LedgerIsIntactAndTypedUnderV8() throws {
        let folder = TemporaryFolder("ledger-migration")
        let path = try copyOfFixture(in: folder)
        let (before, countersBefore, fixtureMigrations) = try DatabaseQueue(path: path).read { db in
            (try Dictionary(uniqueKeysWithValues: Self.v6Tables.map { ($0, try Self.rows(db, $0)) }), try Self.counters(db),
             try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        }
        #expect(fixtureMigrations.last == Self.v6)
        for table in Self.v6Tables { #expect(!(before[table] ?? []).isEmpty, "the fixture has rows in \(table)") }

        let ledger = try Ledger(path: path)
        let (after, countersAfter, migrations) = try ledger.read("read every table") { db in
            (try Dictionary(uniqueKeysWithValues: Self.v6Tables.map { ($0, try Self.rows(db, $0)) }), try Self.counters(db),
             try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        }
        #expect(migrations.suffix(6) == ["v7 refunds reported by id and by running total", Ledger.typedColumnsMigration,
                                         Ledger.invoiceSelectionMigration, Ledger.mailingsMigration, Ledger.giroCodeImageMigration,
                                         Ledger.pageClaimsMigration])
        let addedColumns: Set<String> = ["invoiceNumbers", "png", "claimedBy", "claimedUntil"]
        for table in Self.v6Tables {
            // v9 added one column to two tables, v11 one to the GiroCodes, v12 two to the page marks: NULL in every old row.
            let added = (after[table] ?? []).flatMap { row in addedColumns.map { row[$0] } }
            #expect(added.allSatisfy { $0 == nil || $0 == .null }, "\(table): invoiceNumbers, png and claims NULL in old rows")
            let kept = (after[table] ?? []).map { $0.filter { !addedColumns.contains($0.key) } }
            #expect(kept == before[table], "every row of \(table): same ids, same values")
            #expect(countersAfter[table] == countersBefore[table], "the AUTOINCREMENT counter of \(table)")
        }

        // Every row decodes into its typed record, and encodes back to exactly what is stored.
        let roundTrips = try ledger.read("decode every row") { db in
            try [("payment", try Self.decoded(LedgerPayment.self, db)), ("allocation", try Self.decoded(LedgerAllocation.self, db)),
             ("event", try Self.decoded(LedgerEvent.self, db)), ("dirtyPage", try Self.decoded(DirtyPage.self, db)),
             ("pendingPayment", try Self.decoded(PendingPayment.self, db)),
             ("transferReference", try Self.decoded(TransferReferenceRecord.self, db)),
             ("transfer", try Self.decoded(TransferRecord.self, db)), ("statementEntry", try Self.decoded(StatementEntryRecord.self, db)),
             ("outgoingEmail", try Self.decoded(OutgoingEmail.self, db)), ("refundReport", try Self.decoded(RefundReport.self, db))]
                // v12's claim columns are not part of the record (claims are read by their own query).
                .map { table, decoded in (table, decoded, try Self.rows(db, table).map { $0.filter { !["claimedBy", "claimedUntil"].contains($0.key) } }) }
        }
        for (table, decoded, stored) in roundTrips {
            #expect(!decoded.isEmpty, "\(table)")
            #expect(decoded == stored, "\(table)")
        }
        try expectTheFixtureCoversTheEnums(ledger)

        // Through the application's API too: the typed values the old commands wrote.
        let entries = try ledger.entries(customerID: "1001")
        #expect(entries.contains { $0.kind == .refund && $0.status == .booked && $0.amount == Money(minorUnits: 10_000, currency: .eur) })
        #expect(try ledger.unmatched().contains { $0.currency.code == "USD" && $0.status == .mismatch })
        #expect(try ledger.emails(all: true).contains { $0.kind == .paymentRequest && $0.status == .sent && !$0.message.isEmpty })
    }

    /// Every value the old commands write appears in the fixture, so the test above read each of them.
    func expectTheFixtureCoversTheEnums(_ ledger: Ledger) throws {
        let (payments, events, checkouts, transfers, references, entries, emails) = try ledger.read("read the typed records") { db in
            (try LedgerPayment.fetchAll(db), try LedgerEvent.fetchAll(db), try PendingPayment.fetchAll(db), try TransferRecord.fetchAll(db),
             try TransferReferenceRecord.fetchAll(db), try StatementEntryRecord.fetchAll(db), try OutgoingEmail.fetchAll(db))
        }
        #expect(Set(payments.map(\.kind)) == Set(PaymentEvent.Kind.allCases))
        #expect(Set(payments.map(\.status)) == Set(LedgerPayment.Status.allCases))
        #expect(Set(payments.map(\.purpose)) == Set(PaymentEvent.Purpose.allCases))
        #expect(Set(payments.map(\.method)) == Set(Payment.Method.allCases))
        #expect(Set(payments.map(\.currency.code)) == ["CHF", "EUR", "USD"])
        // A repeated event id is never recorded: every other outcome is.
        #expect(Set(events.map(\.outcome)) == Set(LedgerEvent.Outcome.allCases).subtracting([.duplicateEvent]))
        // Nothing stores `expired` for a checkout (a page computes it).
        #expect(Set(checkouts.map(\.status)) == Set(CheckoutStatus.allCases).subtracting([.expired]))
        #expect(Set(transfers.map(\.kind)) == Set(TransferRecord.Kind.allCases))
        #expect(Set(transfers.map(\.status)) == Set(TransferStatus.allCases))
        #expect(Set(transfers.map(\.purpose)) == Set(PaymentEvent.Purpose.allCases))
        #expect(Set(references.map(\.purpose)) == Set(TransferReferenceRecord.Purpose.allCases))
        #expect(Set(entries.map(\.outcome)) == Set(StatementEntryRecord.Outcome.allCases))
        // The personal link and the reminder came with v10, after the fixture's commands.
        #expect(Set(emails.map(\.kind)) == Set(OutgoingEmail.Kind.allCases).subtracting([.personalLink, .reminder]))
        #expect(Set(emails.map(\.status)) == Set(OutgoingEmail.Status.allCases))
    }

    @Test func theMigratedLedgerRefusesValuesOutsideTheEnums() throws {
        let folder = TemporaryFolder("ledger-migration-checks")
        let ledger = try Ledger(path: try copyOfFixture(in: folder))
        for table in Ledger.typedTables {
            for (column, _) in table.restricted {
                let sql = "UPDATE \(table.name.quotedDatabaseIdentifier) SET \(column.quotedDatabaseIdentifier) = 'bogus' " +
                    "WHERE rowid = (SELECT min(rowid) FROM \(table.name.quotedDatabaseIdentifier))"
                let error = #expect(throws: DatabaseError.self, "\(table.name).\(column)") {
                    try ledger.pool.write { db in try db.execute(sql: sql) }
                }
                #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_CHECK, "\(table.name).\(column)")
            }
        }
        // Nothing was changed by the refused updates.
        #expect(try ledger.entries(customerID: "1001").allSatisfy { $0.kind == .payment || $0.kind == .refund })
    }

    @Test func aRowWithAnUnknownValueStopsTheMigrationAndKeepsTheLedger() throws {
        let folder = TemporaryFolder("ledger-migration-refused")
        let path = folder.file("ledger.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try Ledger.migrator.migrate(queue, upTo: Self.v6)
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO payment (provider, providerPaymentID, kind, refundID, status, customerID, accountID, purpose,
                                         method, amountMinor, currency, occurredAt, bookedAt, sourceEvent)
                    VALUES ('sandbox', 'pay_1', 'payment', '', 'booked', '1001', '1001-STROM', 'settle', 'card', 500, 'EUR', 1, 1, 'evt_1'),
                           ('sandbox', 'pay_2', 'payment', '', 'booked', '1001', '1001-STROM', 'settle', 'bitcoin', 700, 'EUR', 1, 1, 'evt_2')
                    """)
                try db.execute(sql: """
                    INSERT INTO outgoingEmail (messageID, kind, customerID, recipient, subject, message, status, createdAt, nextAttemptAt)
                    VALUES ('<m1@x>', 'newsletter', '1001', 'a@example.de', 'Hi', '[72,105]', 'queued', 1, 1)
                    """)
            }
        }
        let error = #expect(throws: LedgerError.self) { try Ledger(path: path) }
        #expect(error?.reason.contains("""
            migration "v8 typed columns: CHECK constraints" refused, the ledger is unchanged: 2 stored values are not allowed \
            by its constraints (table payment, row id 2, column method: unknown value "bitcoin"; \
            table outgoingEmail, row id 1, column kind: unknown value "newsletter")
            """) == true, "\(error.map(\.description) ?? "")")

        // Nothing was dropped or rewritten: v7 ran, v8 did not, and the rows are as written.
        let (migrations, methods) = try DatabaseQueue(path: path).read { db in
            (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"), try String.fetchAll(db, sql: "SELECT method FROM payment ORDER BY id"))
        }
        #expect(migrations.last == "v7 refunds reported by id and by running total")
        #expect(methods == ["card", "bitcoin"])
        // Corrected by hand, the ledger opens and migrates.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE payment SET method = 'other' WHERE id = 2")
            try db.execute(sql: "UPDATE outgoingEmail SET kind = 'receipt' WHERE id = 1")
        }
        let ledger = try Ledger(path: path)
        #expect(try ledger.entries(customerID: "1001").map(\.method) == [.card, .other])
        #expect(try ledger.emails().map(\.message) == [[72, 105]])
    }

    @Test func theRebuiltTablesKeepTheirColumnsKeysIndexesAndForeignKeys() throws {
        let v7 = try DatabaseQueue()
        try Ledger.migrator.migrate(v7, upTo: "v7 refunds reported by id and by running total")
        let v8 = try DatabaseQueue()
        try Ledger.migrator.migrate(v8, upTo: Ledger.typedColumnsMigration)
        let v9 = try DatabaseQueue()
        try Ledger.migrator.migrate(v9, upTo: Ledger.invoiceSelectionMigration)
        let v10 = try DatabaseQueue()
        try Ledger.migrator.migrate(v10, upTo: Ledger.mailingsMigration)
        let v11 = try DatabaseQueue()
        try Ledger.migrator.migrate(v11, upTo: Ledger.giroCodeImageMigration)
        let v12 = try DatabaseQueue()
        try Ledger.migrator.migrate(v12)
        func schema(_ queue: DatabaseQueue) throws -> [String: [String]] {
            try queue.read { db in
                var found: [String: [String]] = [:]
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                for table in tables {
                    let quoted = table.quotedDatabaseIdentifier
                    var lines = try Row.fetchAll(db, sql: "PRAGMA table_info(\(quoted))").map { "column \($0)" }
                    lines += try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(quoted))").map { "foreign key \($0)" }
                    for index in try Row.fetchAll(db, sql: "PRAGMA index_list(\(quoted))").sorted(by: { ($0["name"] as String) < ($1["name"] as String) }) {
                        let name: String = index["name"]
                        lines.append("index \(name) unique \(index["unique"] as Int) origin \(index["origin"] as String)")
                        lines += try Row.fetchAll(db, sql: "PRAGMA index_info(\(name.quotedDatabaseIdentifier))").map { "  \($0)" }
                    }
                    lines += try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                                                 arguments: [table]).map { "trigger \($0)" }
                    found[table] = lines
                }
                return found
            }
        }
        let before = try schema(v7)
        let after = try schema(v8)
        #expect(after.keys.sorted() == before.keys.sorted())
        for table in before.keys.sorted() { #expect(after[table] == before[table], "\(table)") }
        // v9 adds one column to two tables and touches nothing else.
        let selection = try schema(v9)
        #expect(selection.keys.sorted() == after.keys.sorted())
        for table in after.keys.sorted() {
            let added = (selection[table] ?? []).filter { $0.contains("invoiceNumbers") }
            #expect(added.count == (["pendingPayment", "payment"].contains(table) ? 1 : 0), "\(table)")
            #expect((selection[table] ?? []).filter { !$0.contains("invoiceNumbers") } == after[table], "\(table)")
        }
        // v10 rebuilds outgoingEmail the same way (only its CHECK widens) and adds three tables.
        let latest = try schema(v10)
        #expect(latest.keys.sorted() == (selection.keys + ["emailClaim", "invoiceReminder", "linkMailing"]).sorted())
        for table in selection.keys.sorted() { #expect(latest[table] == selection[table], "\(table)") }
        // v11 adds the image column to the kept GiroCodes and touches nothing else.
        let images = try schema(v11)
        #expect(images.keys.sorted() == latest.keys.sorted())
        for table in latest.keys.sorted() {
            let added = (images[table] ?? []).filter { $0.contains("name:\"png\"") }
            #expect(added.count == (table == "giroCode" ? 1 : 0), "\(table)")
            #expect((images[table] ?? []).filter { !$0.contains("name:\"png\"") } == latest[table], "\(table)")
        }
        // v12 adds the two claim columns to the page marks and touches nothing else.
        let claims = try schema(v12)
        #expect(claims.keys.sorted() == images.keys.sorted())
        for table in images.keys.sorted() {
            let isClaim = { (line: String) in table == "dirtyPage" && (line.contains("name:\"claimedBy\"") || line.contains("name:\"claimedUntil\"")) }
            #expect((claims[table] ?? []).filter(isClaim).count == (table == "dirtyPage" ? 2 : 0), "\(table)")
            #expect((claims[table] ?? []).filter { !isClaim($0) } == images[table], "\(table)")
        }
    }

    @Test func v10KeepsEveryEmailAndAllowsTheTwoNewKinds() throws {
        let folder = TemporaryFolder("ledger-migration-v10")
        let path = try copyOfFixture(in: folder)
        try Ledger.migrator.migrate(try DatabaseQueue(path: path), upTo: Ledger.typedColumnsMigration)
        let (before, counter) = try DatabaseQueue(path: path).read { db in
            (try Self.rows(db, "outgoingEmail"), try Self.counters(db)["outgoingEmail"])
        }
        #expect(!before.isEmpty)
        let ledger = try Ledger(path: path)
        let (after, counterAfter) = try ledger.read("read emails") { db in (try Self.rows(db, "outgoingEmail"), try Self.counters(db)["outgoingEmail"]) }
        #expect(after == before)
        #expect(counterAfter == counter)
        for kind in ["personal-link", "reminder"] {
            try ledger.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO outgoingEmail (messageID, kind, customerID, recipient, subject, message, status, createdAt, nextAttemptAt)
                    VALUES (?, ?, '1001', 'a@example.de', 'Hi', '[72,105]', 'queued', 1, 1)
                    """, arguments: ["<\(kind)@x>", kind])
            }
        }
        let refused = #expect(throws: DatabaseError.self) {
            try ledger.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO outgoingEmail (messageID, kind, customerID, recipient, subject, message, status, createdAt, nextAttemptAt)
                    VALUES ('<n@x>', 'newsletter', '1001', 'a@example.de', 'Hi', '[72,105]', 'queued', 1, 1)
                    """)
            }
        }
        #expect(refused?.extendedResultCode == .SQLITE_CONSTRAINT_CHECK)
        #expect(try ledger.emails().suffix(2).map(\.kind) == [.personalLink, .reminder])
    }
}
