@testable import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import GRDB
import Testing

/// Enums in Swift are enums in the database: the CHECK lists of migration v8 are exactly the Swift
/// enums' values, the database refuses anything else, and a value that still gets in is an error naming
/// its table, row and column, never a default.
@Suite struct TypedColumnTests {
    /// The Swift type each restricted column holds, by its raw values.
    static let swiftValues: [String: [String]] = [
        "payment.kind": PaymentEvent.Kind.allCases.map(\.rawValue),
        "payment.status": LedgerPayment.Status.allCases.map(\.rawValue),
        "payment.purpose": PaymentEvent.Purpose.allCases.map(\.rawValue),
        "payment.method": Payment.Method.allCases.map(\.rawValue),
        "event.outcome": LedgerEvent.Outcome.allCases.map(\.rawValue),
        "pendingPayment.purpose": PaymentEvent.Purpose.allCases.map(\.rawValue),
        "pendingPayment.method": Payment.Method.allCases.map(\.rawValue),
        "pendingPayment.status": CheckoutStatus.allCases.map(\.rawValue),
        "transferReference.purpose": TransferReferenceRecord.Purpose.allCases.map(\.rawValue),
        "transfer.kind": TransferRecord.Kind.allCases.map(\.rawValue),
        "transfer.purpose": PaymentEvent.Purpose.allCases.map(\.rawValue),
        "transfer.status": TransferStatus.allCases.map(\.rawValue),
        "statementEntry.outcome": StatementEntryRecord.Outcome.allCases.map(\.rawValue),
        "outgoingEmail.kind": OutgoingEmail.Kind.allCases.map(\.rawValue),
        "outgoingEmail.status": OutgoingEmail.Status.allCases.map(\.rawValue),
        "refundReport.kind": RefundReport.Kind.allCases.map(\.rawValue),
    ]

    @Test func eachCheckListsExactlyTheValuesOfItsSwiftType() {
        var listed: Set<String> = []
        // The lists in force now: v8's, with outgoingEmail as v10 rebuilt it (two more kinds).
        for table in Ledger.currentTypedTables {
            for (column, allowed) in table.restricted {
                let name = "\(table.name).\(column)"
                listed.insert(name)
                if column == "currency" {
                    #expect(allowed == Ledger.v8Currencies, "\(name)")
                } else {
                    // A new case fails here until a new migration widens the CHECK.
                    #expect(Set(allowed) == Set(Self.swiftValues[name] ?? []), "\(name)")
                }
            }
        }
        #expect(listed.isSuperset(of: Self.swiftValues.keys))
        #expect(listed.filter { $0.hasSuffix(".currency") }.sorted()
                == ["payment.currency", "pendingPayment.currency", "refundReport.currency", "statementEntry.currency", "transfer.currency"])
    }

    @Test func theCurrencyCheckListsExactlyTheModelsCurrencies() {
        // Every three-letter code: known to the model exactly when the CHECK allows it.
        let letters = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { Character(UnicodeScalar($0)) }
        var known: Set<String> = []
        for a in letters { for b in letters { for c in letters {
            let code = String([a, b, c])
            if Currency(code: code) != nil { known.insert(code) }
        } } }
        #expect(known == Set(Ledger.v8Currencies))
        #expect(Ledger.v8Currencies.count == Set(Ledger.v8Currencies).count)
    }

    @Test func theDatabaseRefusesAValueOutsideTheEnum() throws {
        let folder = TemporaryFolder("typed-columns")
        let ledger = try Ledger(path: folder.file("ledger.sqlite"))
        func insert(kind: String, method: String, currency: String) throws {
            try ledger.pool.write { db in
                try db.execute(sql: """
                    INSERT INTO payment (provider, providerPaymentID, kind, status, purpose, method, amountMinor, currency,
                                         occurredAt, bookedAt, sourceEvent)
                    VALUES ('sandbox', ?, ?, 'booked', 'settle', ?, 100, ?, 1, 1, 'evt')
                    """, arguments: [UUID().uuidString, kind, method, currency])
            }
        }
        try insert(kind: "payment", method: "direct_debit", currency: "CHF")
        for (kind, method, currency) in [("gift", "card", "EUR"), ("payment", "bitcoin", "EUR"), ("payment", "card", "EURO"),
                                         ("payment", "card", "eur"), ("payment", "directDebit", "EUR")] {
            let error = #expect(throws: DatabaseError.self) { try insert(kind: kind, method: method, currency: currency) }
            #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_CHECK, "\(kind) \(method) \(currency)")
        }
    }

    @Test func anUnknownValueThatGotInIsAnErrorNamingItsTableRowAndColumn() throws {
        let folder = TemporaryFolder("typed-columns-unknown")
        let ledger = try Ledger(path: folder.file("ledger.sqlite"))
        try ledger.pool.write { db in
            // Only a hand-made bypass of the CHECKs can store it.
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: """
                INSERT INTO payment (provider, providerPaymentID, kind, status, customerID, accountID, purpose, method,
                                     amountMinor, currency, occurredAt, bookedAt, sourceEvent)
                VALUES ('sandbox', 'pay_1', 'payment', 'booked', '1001', '1001-STROM', 'settle', 'card', 100, 'EUR', 1, 1, 'evt_1'),
                       ('sandbox', 'pay_2', 'gift', 'booked', '1001', '1001-STROM', 'settle', 'card', 100, 'EUR', 1, 1, 'evt_2')
                """)
            try db.execute(sql: """
                INSERT INTO transferReference (reference, purpose, customerID, accountID, invoiceNumber, createdAt)
                VALUES ('RF18539007547034', 'voucher', '1001', '1001-STROM', '', 1)
                """)
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
        let entries = #expect(throws: LedgerError.self) { try ledger.entries(customerID: "1001") }
        #expect(entries?.reason == #"table payment, row id 2, column kind: unknown value "gift""#)
        let account = Account(id: "1001-STROM", kind: .invoice, currency: .eur)
        let booking = #expect(throws: LedgerError.self) {
            try ledger.book(PaymentEvent(provider: "sandbox", eventID: "evt_3", kind: .payment, paymentID: "pay_3",
                                         amount: Money(minorUnits: 100, currency: .eur), occurredAt: 1, customerID: "1001",
                                         accountID: "1001-STROM", method: .card),
                            target: .account(customerID: "1001", account: account), receivedAt: 1, dateOf: { CalendarDate(daysSinceEpoch: $0 / 86_400) })
        }
        #expect(booking?.reason == #"table payment, row id 2, column kind: unknown value "gift""#)
        let reference = #expect(throws: LedgerError.self) { try ledger.transferReference("RF18539007547034") }
        #expect(reference?.reason == #"table transferReference, row reference "RF18539007547034", column purpose: unknown value "voucher""#)
    }

    @Test func theSQLiteLedgerIsALedgerStore() throws {
        let folder = TemporaryFolder("ledger-store")
        let store: any LedgerStore = try Ledger(path: folder.file("ledger.sqlite"))
        #expect(store.path == folder.file("ledger.sqlite"))
        #expect(try store.unmatched().isEmpty)
    }
}
