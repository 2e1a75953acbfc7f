import CustomerCenterLedger
import CustomerCenterLedgerPostgres
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

/// `ledger migrate` at the ledger level (issue 15): a real SQLite ledger (the v6 fixture written by
/// the commands of an older version, opened and migrated by today's `Ledger`, then given the rows
/// later versions added: a refund report, mailings, an email claim, a page claim) copied into an
/// empty PostgreSQL ledger. Everything the application reads must read the same from both, ids
/// included; a second copy into the same database is refused and changes nothing.
@Suite(.enabled(if: LedgerEngineKind.available.contains(.postgresql)))
struct LedgerCopyTests {
    static let dateOf: @Sendable (Int) -> CalendarDate = { CalendarDate(daysSinceEpoch: $0 / 86_400) }

    @Test func everyRowArrivesAndEveryReadIsTheSame() throws {
        let folder = TemporaryFolder("ledger-copy")
        let fixture = try #require(Bundle.module.url(forResource: "ledger-v6", withExtension: "sqlite", subdirectory: "Fixtures"))
        let path = folder.file("ledger.sqlite")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        let source = try Ledger(path: path)
        try addNewerRows(to: source)

        let (url, name) = try TestLedger.createDatabase()
        defer { try? PostgresDatabases.drop(name, server: try LedgerEngineKind.serverURL()) }
        let target = try PostgresLedger(url: url)
        defer { target.close() }
        let export = try LedgerExport(source)
        let report = try target.importLedger(export)
        let expected = try export.totals()
        #expect(report.rows.map(\.table) == LedgerExport.tables)
        #expect(report.rows.allSatisfy { $0.count > 0 }, "the fixture and the added rows fill every table: \(report.rows)")
        #expect(report.rows.map(\.count) == LedgerExport.tables.map { expected.rows[$0] ?? -1 })
        #expect(try target.totals() == expected, "counts and money per account, summed by PostgreSQL")
        #expect(expected.accounts.count >= 10)

        try expectSameReads(source, target)

        // The next id PostgreSQL hands out follows the copied ones.
        let before = try source.openTransfers(now: 1_900_000_000).compactMap(\.id).max() ?? 0
        let (transfer, isNew) = try target.requestTopUp(customerID: "1004", accountID: "1004-KARTE", amount: Money(minorUnits: 1_500, currency: .eur),
                                                        at: 1_900_000_000, expiresAt: 1_900_600_000)
        #expect(isNew)
        #expect((transfer.id ?? 0) > before)

        // A second copy finds rows and stops, naming a table; the target keeps exactly what it had.
        let kept = try target.totals()
        #expect {
            _ = try target.importLedger(try LedgerExport(source))
        } throws: { error in
            "\(error)".contains("the target is not empty: table payment holds \(expected.rows["payment"] ?? 0) rows (copy only into a new, empty database)")
        }
        #expect(try target.totals() == kept)
    }

    /// Rows of the tables the v6 fixture predates, written through the API as the commands write them.
    func addNewerRows(to ledger: Ledger) throws {
        let account = Account(id: "1001-STROM", kind: .invoice, currency: .eur, invoices: [])
        let refund = PaymentEvent(provider: "sandbox", eventID: "evt_copy_refund", kind: .refund, paymentID: "pay_f1", refundID: "re_copy",
                                  amount: Money(minorUnits: 500, currency: .eur), occurredAt: 1_796_000_000, customerID: "1001",
                                  accountID: "1001-STROM", invoiceNumber: nil, method: .paypal)
        _ = try ledger.book(refund, target: .account(customerID: "1001", account: account), receivedAt: 1_796_000_010, dateOf: Self.dateOf)
        let link = OutgoingEmail(messageID: "<link-copy@example.test>", kind: .personalLink, customerID: "1002", recipient: "kunde@example.test",
                                 subject: "Ihr Link", message: Array("Subject: Ihr Link\r\n\r\nHallo\r\n".utf8), createdAt: 1_796_000_020)
        let reminder = OutgoingEmail(messageID: "<reminder-copy@example.test>", kind: .reminder, customerID: "1002", recipient: "kunde@example.test",
                                     subject: "Erinnerung", message: Array("Subject: Erinnerung\r\n\r\n\u{00FC}\r\n".utf8), createdAt: 1_796_000_030)
        let queued = try ledger.enqueue([
            (link, .personalLink(customerID: "1002", linkVersion: 2)),
            (reminder, .reminder(customerID: "1002", invoices: [RemindedInvoice(accountID: "1002-GEWERBE", number: "RE-2026-0412")],
                                 day: CalendarDate(iso: "2026-11-29")!, intervalDays: 7)),
        ])
        #expect(queued.allSatisfy { $0 != nil })
        #expect(!(try ledger.claimDueEmails(now: 1_900_000_000, lease: 300, claimer: "host/1/1", hasEnded: { _ in false })).isEmpty)
        _ = try ledger.claimPages(["1008", "1003"], creatingMarks: true, claimer: "host/1/1", lease: 60, now: 1_796_000_040, hasEnded: { _ in false })
    }

    /// Every read the application makes, on both ledgers.
    func expectSameReads(_ source: any LedgerStore, _ target: any LedgerStore) throws {
        #expect(try target.events() == source.events())
        #expect(try target.unmatched() == source.unmatched())
        #expect(try target.dirtyPages() == source.dirtyPages())
        let emails = try source.emails(all: true)
        for (copied, original) in zip(try target.emails(all: true), emails) {
            #expect(copied == original, "email #\(original.id ?? -1)")
        }
        #expect(try target.emails(all: true).count == emails.count)
        #expect(try target.openTransfers(now: 1_796_000_000) == source.openTransfers(now: 1_796_000_000))
        let customers = Set(try source.events().isEmpty ? [] : (1001...1010).map(String.init) + ["9999"]).sorted()
        for customer in customers {
            let entries = try source.entries(customerID: customer)
            #expect(try target.entries(customerID: customer) == entries, "\(customer)")
            for entry in entries {
                #expect(try target.allocations(paymentRowID: entry.id ?? -1) == source.allocations(paymentRowID: entry.id ?? -1), "\(customer) #\(entry.id ?? -1)")
            }
            #expect(try target.recordedPayments(customerID: customer, dateOf: Self.dateOf) == source.recordedPayments(customerID: customer, dateOf: Self.dateOf))
        }
        #expect(try target.activities(customerIDs: customers, now: 1_796_100_000, dateOf: Self.dateOf)
                == source.activities(customerIDs: customers, now: 1_796_100_000, dateOf: Self.dateOf))
        #expect(try target.mailedLinkVersions(customerIDs: customers) == source.mailedLinkVersions(customerIDs: customers))
        #expect(try target.lastReminded(customerIDs: customers) == source.lastReminded(customerIDs: customers))
        let export = try LedgerExport(try #require(source as? Ledger))
        let references = try export.rows(of: "transferReference", columns: ["reference"], after: 0, limit: 1_000).rows.compactMap { row in
            if case .text(let text)? = row.first { CreditorReference(text) } else { nil }
        }
        #expect(references.count >= 10)
        #expect(try target.knownReferences(Set(references.map(\.value))) == source.knownReferences(Set(references.map(\.value))))
        #expect(try target.giroCodes(references: references.map(\.printed)) == source.giroCodes(references: references.map(\.printed)))
    }
}
