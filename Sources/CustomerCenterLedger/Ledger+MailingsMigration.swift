import GRDB

extension Ledger {
    /// The name of migration v10.
    static let mailingsMigration = "v10 personal links and reminders recorded, email claims"

    /// `outgoingEmail` as v10 rebuilds it: the columns of v8, with two more kinds in the CHECK of
    /// `kind` (the personal link and the reminder). Part of the migration: never edit once shipped.
    static let v10OutgoingEmail = TypedTable("outgoingEmail", [
        .init("id", "INTEGER PRIMARY KEY AUTOINCREMENT"),
        .init("messageID", "TEXT NOT NULL UNIQUE"),
        .init("kind", "TEXT NOT NULL", allowed: ["payment-request", "receipt", "personal-link", "reminder"]),  // OutgoingEmail.Kind
        .init("customerID", "TEXT NOT NULL"),
        .init("recipient", "TEXT NOT NULL"),
        .init("subject", "TEXT NOT NULL"),
        .init("message", "BLOB NOT NULL"),
        .init("status", "TEXT NOT NULL", allowed: ["queued", "sent", "failed"]),              // OutgoingEmail.Status
        .init("attempts", "INTEGER NOT NULL DEFAULT 0"),
        .init("lastError", "TEXT"),
        .init("createdAt", "INTEGER NOT NULL"),
        .init("nextAttemptAt", "INTEGER NOT NULL"),
        .init("sentAt", "INTEGER"),
        .init("delivery", "TEXT"),
    ])

    /// Every typed table with the CHECK lists in force now: v8's, with the tables later migrations
    /// rebuilt (`TypedColumnTests` compares these with the Swift enums).
    static var currentTypedTables: [TypedTable] {
        typedTables.map { $0.name == v10OutgoingEmail.name ? v10OutgoingEmail : $0 }
    }

    /// Migration v10: what `send-links`, `rotate-link` and `remind` need.
    ///
    /// - `outgoingEmail` is rebuilt (as v8 does it) to allow the kinds `personal-link` and `reminder`;
    ///   its rows, ids, indexes and counter stay.
    /// - `linkMailing`: a personal link mailed, once per customer and link version (the key).
    /// - `invoiceReminder`: an invoice named in a reminder, by the merchant's day, for the interval.
    /// - `emailClaim`: which process took a queued message for delivery, so that the claims of a
    ///   process that ended (a mailing killed mid-way) are taken over at once instead of after the lease.
    ///
    /// Each mailing row is written in the transaction that queues its message (`Ledger.enqueue(_:)`).
    static func migrateToMailings(_ db: Database) throws {
        try rebuild(v10OutgoingEmail, db: db, migration: mailingsMigration, suffix: "_v10")
        try db.create(table: "linkMailing") { table in
            table.column("customerID", .text).notNull()
            table.column("linkVersion", .integer).notNull().check { $0 >= 1 }
            table.column("emailID", .integer).notNull().references("outgoingEmail", onDelete: .restrict)
            table.column("queuedAt", .integer).notNull()
            table.primaryKey(["customerID", "linkVersion"])
        }
        try db.create(table: "invoiceReminder") { table in
            table.autoIncrementedPrimaryKey("id")
            table.column("customerID", .text).notNull()
            table.column("accountID", .text).notNull()
            table.column("invoiceNumber", .text).notNull()
            table.column("remindedOn", .text).notNull()           // the merchant's day, YYYY-MM-DD
            table.column("queuedAt", .integer).notNull()
            table.column("emailID", .integer).notNull().references("outgoingEmail", onDelete: .restrict)
        }
        try db.create(index: "reminder_by_invoice", on: "invoiceReminder", columns: ["accountID", "invoiceNumber", "remindedOn"])
        try db.create(index: "reminder_by_customer", on: "invoiceReminder", columns: ["customerID"])
        try db.create(table: "emailClaim") { table in
            table.primaryKey("emailID", .integer).references("outgoingEmail", onDelete: .cascade)
            table.column("claimedBy", .text).notNull()
            table.column("claimedAt", .integer).notNull()
        }
    }
}
