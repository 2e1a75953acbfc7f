import CustomerCenterLedger
@testable import CustomerCenterLedgerPostgres
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

/// What only the PostgreSQL engine has: its URL, the server's refusals named in one line without the
/// password, several instances on one database, and its migrations. Runs when scripts/test.sh started
/// a server (always in CI).
@Suite(.enabled(if: LedgerEngineKind.available.contains(.postgresql))) struct PostgresLedgerTests {
    let dateOf: @Sendable (Int) -> CalendarDate = { CalendarDate(daysSinceEpoch: $0 / 86_400) }
    let account = Account(id: "1001-STROM", kind: .invoice, currency: .eur, invoices: [
        Invoice(number: "R1", issued: CalendarDate(iso: "2026-09-01")!, due: CalendarDate(iso: "2026-09-15")!,
                amount: Money(minorUnits: 100_000, currency: .eur)),
    ])

    func request(_ id: String, payment: String? = nil, cents: Int) -> BookingRequest {
        BookingRequest(
            event: PaymentEvent(provider: "sandbox", eventID: id, kind: .payment, paymentID: payment ?? "pay_" + id,
                                amount: Money(minorUnits: cents, currency: .eur), occurredAt: 1_795_000_000,
                                customerID: "1001", accountID: "1001-STROM", method: .card),
            target: .account(customerID: "1001", account: account), receivedAt: 1_795_000_100)
    }

    @Test func theURLIsReadAndPrintedWithoutItsPassword() throws {
        let url = try PostgresLedgerURL("postgresql://ledger:s3cret@db.example:6432/customer_center?sslmode=require")
        #expect(url.host == "db.example")
        #expect(url.port == 6432)
        #expect(url.user == "ledger")
        #expect(url.password == "s3cret")
        #expect(url.database == "customer_center")
        #expect(url.tls == .require)
        #expect(url.description == "postgresql://ledger@db.example:6432/customer_center?sslmode=require")
        #expect(try PostgresLedgerURL("postgres://ledger@db/cc").port == 5432)
    }

    @Test(arguments: [
        ("postgresql://db.example/cc", "ledger postgresql://db.example/cc: no user name (postgresql://user@host:5432/database)"),
        ("postgresql://ledger@db.example", "ledger postgresql://ledger@db.example: no database name after the host (postgresql://user@host:5432/database)"),
        ("postgresql://ledger:pw@db.example:99999/cc", "ledger postgresql://ledger:***@db.example:99999/cc: port 99999 is out of range"),
        ("postgresql://ledger@db.example/cc?sslmode=maybe", "ledger postgresql://ledger@db.example/cc?sslmode=maybe: sslmode must be one of disable, prefer, require"),
        ("postgresql://ledger@db.example/cc?application=x", "ledger postgresql://ledger@db.example/cc?application=x: unknown parameter application (only sslmode is understood)"),
        ("mysql://ledger@db.example/cc", "ledger mysql://ledger@db.example/cc: the scheme must be postgresql://"),
    ])
    func aMalformedURLIsOneLineNamingItWithoutThePassword(_ text: String, _ message: String) {
        let error = #expect(throws: PostgresLedgerURLError.self) { try PostgresLedgerURL(text) }
        #expect(error?.description == message)
        #expect(error?.description.contains("pw") == false)
    }

    @Test func aWrongPasswordAWrongDatabaseAndNoServerAreNamedWithTheURL() throws {
        var server = try LedgerEngineKind.serverURL()
        // The role `ledger_password` must give its password (scripts/test-postgres.sh).
        server.user = "ledger_password"
        let wrong = #expect(throws: LedgerError.self) { try PostgresLedger(url: server, password: "not-it") }
        #expect(wrong?.path == server.description)
        #expect(wrong?.reason.contains("password authentication failed") == true)
        #expect(wrong?.description.contains("not-it") == false)
        let none = #expect(throws: LedgerError.self) { try PostgresLedger(url: server) }
        #expect(none?.reason.contains("password") == true)

        var missing = try LedgerEngineKind.serverURL()
        missing.database = "no_such_database_here"
        let noDatabase = #expect(throws: LedgerError.self) { try PostgresLedger(url: missing) }
        #expect(noDatabase?.description.hasPrefix("\(missing.description): cannot open the ledger: ") == true)
        #expect(noDatabase?.reason.contains("does not exist") == true)

        var away = try LedgerEngineKind.serverURL()
        away.port = try freePort()
        let unreachable = #expect(throws: LedgerError.self) { try PostgresLedger(url: away) }
        #expect(unreachable?.reason.hasPrefix("cannot connect") == true)
    }

    @Test func theRightPasswordOpensTheLedger() throws {
        let (url, name) = try TestLedger.createDatabase()
        defer { try? PostgresDatabases.drop(name, server: try LedgerEngineKind.serverURL()) }
        var withRole = url
        withRole.user = "ledger_password"
        // The tables are the owner's (migrated as postgres); the test role gets to use them.
        let admin = try PostgresLedger(url: url)
        try admin.execute(unsafe: "GRANT ALL ON ALL TABLES IN SCHEMA public TO ledger_password")
        try admin.execute(unsafe: "GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ledger_password")
        admin.close()
        let ledger = try PostgresLedger(url: withRole, password: "test-password")
        ledger.close()
    }

    @Test func twoInstancesBookingTheSameEventsAtOnceBookEachOnceAndTheExactBalance() async throws {
        let test = try TestLedger(.postgresql, folder: NSTemporaryDirectory())
        defer { test.drop() }
        let first = test.store
        let second = try test.reopen()
        let dateOf = self.dateOf
        // 100 events, each sent to both instances at the same moment, in group commits of up to 10.
        let requests = (0..<100).map { request("evt_\($0)", cents: 100 + $0) }
        let batches = stride(from: 0, to: requests.count, by: 10).map { Array(requests[$0..<min($0 + 10, requests.count)]) }
        let outcomes = await withTaskGroup(of: [Result<BookingOutcome, LedgerError>].self) { group in
            for batch in batches {
                for ledger in [first, second] {
                    group.addTask { (try? await OwnThread.run { try ledger.book(batch, dateOf: dateOf) }) ?? [] }
                }
            }
            var all: [Result<BookingOutcome, LedgerError>] = []
            for await batch in group { all += batch }
            return all
        }
        let booked = outcomes.filter { if case .success(.booked) = $0 { true } else { false } }.count
        let duplicates = outcomes.filter { if case .success(.duplicateEvent) = $0 { true } else { false } }.count
        #expect(booked == 100)
        #expect(duplicates == 100)
        #expect(try first.entries(customerID: "1001").count == 100)
        #expect(try first.events().count == 100)
        let total = try first.entries(customerID: "1001").reduce(0) { $0 + $1.amountMinor }
        #expect(total == (0..<100).reduce(0) { $0 + 100 + $1 })
        // Every allocation row adds up: together they are exactly what was booked.
        var allocated = 0
        for entry in try first.entries(customerID: "1001") {
            allocated += try first.allocations(paymentRowID: try #require(entry.id)).reduce(0) { $0 + $1.amountMinor }
        }
        #expect(allocated == total)
    }

    @Test func migratingAgainChangesNothingAndANewerLedgerIsRefused() throws {
        let test = try TestLedger(.postgresql, folder: NSTemporaryDirectory())
        defer { test.drop() }
        let ledger = try #require(test.store as? PostgresLedger)
        #expect(try ledger.appliedMigrations() == [1, 2, 3, 4, 5])
        let again = try #require(try test.reopen() as? PostgresLedger)
        #expect(try again.appliedMigrations() == [1, 2, 3, 4, 5])
        try again.execute(unsafe: "INSERT INTO ledgerMigration (number, name, appliedAt) VALUES (99, 'from the future', 0)")
        let refused = #expect(throws: LedgerError.self) { try test.reopen() }
        #expect(refused?.reason == "migration 99 was applied by a newer customer-center; this one knows up to 5")
    }

    /// A ledger of the release before (migration 1 only, like SQLite v8) is brought to 2, 3 and 4 when
    /// opened: its rows stay, checkouts and payments read with no invoices chosen, the email kinds
    /// of SQLite v10 are allowed, no others, and kept GiroCodes have no image until drawn again.
    @Test func aLedgerAtMigration1KeepsItsRowsThroughMigrations2And3() throws {
        let (url, name) = try TestLedger.createDatabase()
        defer { try? PostgresDatabases.drop(name, server: try LedgerEngineKind.serverURL()) }
        let first = try #require(PostgresLedger.migrations.first)
        #expect(first.number == 1)
        for statement in first.statements { try PostgresDatabases.execute(statement, on: url) }
        try PostgresDatabases.execute("CREATE TABLE ledgerMigration (number BIGINT PRIMARY KEY NOT NULL, name TEXT NOT NULL, appliedAt BIGINT NOT NULL)", on: url)
        try PostgresDatabases.execute("INSERT INTO ledgerMigration VALUES (1, '\(first.name)', 0)", on: url)
        try PostgresDatabases.execute("""
            INSERT INTO outgoingEmail (id, messageID, kind, customerID, recipient, subject, message, status, createdAt, nextAttemptAt)
            VALUES (7, '<old@x>', 'receipt', '1001', 'a@example.de', 'Hi', '\\x4869'::bytea, 'queued', 1, 1)
            """, on: url)
        try PostgresDatabases.execute("""
            INSERT INTO pendingPayment (provider, checkoutID, customerID, accountID, purpose, method, amountMinor, currency, createdAt, expiresAt, status)
            VALUES ('sandbox', 'co_old', '1001', '1001-STROM', 'settle', 'card', 100, 'EUR', 0, 10, 'pending')
            """, on: url)
        try PostgresDatabases.execute("""
            INSERT INTO giroCode (reference, payloadHash, size, modules) VALUES ('RF18539007547034', '\\x0102'::bytea, 21, '\\xff'::bytea)
            """, on: url)
        let ledger = try PostgresLedger(url: url)
        defer { ledger.close() }
        #expect(try ledger.appliedMigrations() == [1, 2, 3, 4, 5])
        let code = try #require(try ledger.giroCodes(references: ["RF18539007547034"])["RF18539007547034"])
        #expect(code.modules == [0xFF] && code.png == nil)
        let kept = try ledger.emails()
        #expect(kept.map(\.id) == [7])
        #expect(kept.first?.message == Array("Hi".utf8))
        #expect(try ledger.pending(checkoutID: "co_old")?.selectedInvoices == [])
        for kind in ["personal-link", "reminder"] {
            try ledger.execute(unsafe: """
                INSERT INTO outgoingEmail (messageID, kind, customerID, recipient, subject, message, status, createdAt, nextAttemptAt)
                VALUES ('<\(kind)@x>', '\(kind)', '1001', 'a@example.de', 'Hi', '\\x4869'::bytea, 'queued', 1, 1)
                """)
        }
        let refused = #expect(throws: LedgerError.self) {
            try ledger.execute(unsafe: """
                INSERT INTO outgoingEmail (messageID, kind, customerID, recipient, subject, message, status, createdAt, nextAttemptAt)
                VALUES ('<n@x>', 'newsletter', '1001', 'a@example.de', 'Hi', '\\x4869'::bytea, 'queued', 1, 1)
                """)
        }
        #expect(refused?.reason.contains("outgoingemail_kind_check") == true)
        #expect(Set(try ledger.emails().map(\.kind)) == [.receipt, .personalLink, .reminder])
    }

    @Test func theDatabaseRefusesValuesNoSwiftValueStandsFor() throws {
        let test = try TestLedger(.postgresql, folder: NSTemporaryDirectory())
        defer { test.drop() }
        let ledger = try #require(test.store as? PostgresLedger)
        let refused = #expect(throws: LedgerError.self) {
            try ledger.execute(unsafe: """
                INSERT INTO payment (provider, providerPaymentID, kind, status, purpose, method, amountMinor, currency, occurredAt, bookedAt, sourceEvent)
                VALUES ('sandbox', 'p', 'gift', 'booked', 'settle', 'card', 100, 'EUR', 0, 0, 'e')
                """)
        }
        #expect(refused?.reason.contains("payment_kind_check") == true)
        #expect(throws: LedgerError.self) {
            try ledger.execute(unsafe: """
                INSERT INTO payment (provider, providerPaymentID, kind, status, purpose, method, amountMinor, currency, occurredAt, bookedAt, sourceEvent)
                VALUES ('sandbox', 'p', 'payment', 'booked', 'settle', 'card', 100, 'XYZ', 0, 0, 'e')
                """)
        }
    }

    func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard bind(socket, raw, length) == 0, getsockname(socket, raw, &length) == 0 else { throw TestLedgerError("no free port") }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
