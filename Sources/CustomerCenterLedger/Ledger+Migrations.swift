import GRDB

extension Ledger {
    /// The migration that records which invoices a customer chose to pay.
    static let invoiceSelectionMigration = "v9 invoices chosen to pay"
    static let giroCodeImageMigration = "v11 GiroCode images"
    static let pageClaimsMigration = "v12 page claims"

    /// Named migrations. Never edit one that has shipped: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 payments, allocations, events, dirty pages") { db in
            try db.create(table: "payment") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("provider", .text).notNull()
                table.column("providerPaymentID", .text).notNull()
                table.column("kind", .text).notNull()                       // payment | refund
                table.column("refundID", .text).notNull().defaults(to: "")  // "" for payments
                table.column("status", .text).notNull()                     // booked | unmatched | mismatch | waiting
                table.column("customerID", .text)
                table.column("accountID", .text)
                table.column("invoiceNumber", .text)
                table.column("purpose", .text).notNull()
                table.column("method", .text).notNull()
                table.column("amountMinor", .integer).notNull().check { $0 > 0 }
                table.column("currency", .text).notNull()
                table.column("occurredAt", .integer).notNull()
                table.column("bookedAt", .integer).notNull()
                table.column("sourceEvent", .text).notNull()
                table.column("note", .text)
                // The same provider payment (or refund) is booked once, whatever event carries it.
                table.uniqueKey(["provider", "providerPaymentID", "kind", "refundID"])
            }
            try db.create(index: "payment_by_customer", on: "payment", columns: ["customerID"])
            try db.create(index: "payment_by_status", on: "payment", columns: ["status"])
            try db.create(table: "allocation") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("paymentRowID", .integer).notNull().references("payment", onDelete: .restrict)
                table.column("invoiceNumber", .text)                        // nil: credit on the account
                table.column("amountMinor", .integer).notNull()             // negative when a refund reopens
            }
            try db.create(index: "allocation_by_payment", on: "allocation", columns: ["paymentRowID"])
            try db.create(table: "event") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("provider", .text).notNull()
                table.column("eventID", .text).notNull()
                table.column("receivedAt", .integer).notNull()
                table.column("outcome", .text).notNull()
                table.column("detail", .text)
                table.uniqueKey(["provider", "eventID"])
            }
            try db.create(table: "dirtyPage") { table in
                table.primaryKey("customerID", .text)
                table.column("markedAt", .integer).notNull()
            }
        }
        migrator.registerMigration("v2 pending checkouts") { db in
            try db.create(table: "pendingPayment") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("provider", .text).notNull()
                table.column("checkoutID", .text).notNull().unique()
                table.column("customerID", .text).notNull()
                table.column("accountID", .text).notNull()
                table.column("invoiceNumber", .text)
                table.column("purpose", .text).notNull()
                table.column("method", .text).notNull()
                table.column("amountMinor", .integer).notNull().check { $0 > 0 }
                table.column("currency", .text).notNull()
                table.column("createdAt", .integer).notNull()
                table.column("expiresAt", .integer).notNull()
                table.column("status", .text).notNull()             // pending | completed | failed | cancelled | expired
                table.column("note", .text)
            }
            try db.create(index: "pending_by_customer", on: "pendingPayment", columns: ["customerID"])
        }
        migrator.registerMigration("v3 transfer references") { db in
            try db.create(table: "transferReference") { table in
                table.primaryKey("reference", .text)
                table.column("purpose", .text).notNull()            // prepaid | invoice
                table.column("customerID", .text).notNull()
                table.column("accountID", .text).notNull()
                table.column("invoiceNumber", .text).notNull()      // "" for prepaid
                table.column("createdAt", .integer).notNull()
                // One reference per purpose: a prepaid account, or one invoice.
                table.uniqueKey(["purpose", "accountID", "invoiceNumber"])
            }
            try db.create(index: "reference_by_customer", on: "transferReference", columns: ["customerID"])
        }
        migrator.registerMigration("v4 bank transfers, statement entries, outgoing email") { db in
            try db.create(table: "transfer") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("reference", .text).notNull()
                table.column("kind", .text).notNull()                 // request (announced top-up) | receipt (seen on a statement)
                table.column("customerID", .text).notNull()
                table.column("accountID", .text).notNull()
                table.column("invoiceNumber", .text)
                table.column("purpose", .text).notNull()              // top-up | settle
                table.column("currency", .text).notNull()
                table.column("expectedMinor", .integer)               // what was announced; nil on a permanent reference
                table.column("status", .text).notNull()               // announced | received | approved | rejected | expired
                table.column("createdAt", .integer).notNull()
                table.column("expiresAt", .integer)
                table.column("receivedMinor", .integer)
                table.column("receivedOn", .text)                     // booking date, ISO 8601
                table.column("payerName", .text)
                table.column("bankReference", .text).unique()         // the statement entry's account servicer reference
                table.column("decidedAt", .integer)
                table.column("paymentRowID", .integer).references("payment", onDelete: .restrict)
                table.column("note", .text)
            }
            try db.create(index: "transfer_by_reference", on: "transfer", columns: ["reference"])
            try db.create(index: "transfer_by_customer", on: "transfer", columns: ["customerID"])
            try db.create(index: "transfer_by_status", on: "transfer", columns: ["status"])
            try db.create(table: "statementEntry") { table in
                // One row per imported credit: the same bank entry is never booked twice.
                table.primaryKey("bankReference", .text)
                table.column("importedAt", .integer).notNull()
                table.column("file", .text).notNull()
                table.column("bookingDate", .text).notNull()
                table.column("amountMinor", .integer).notNull()
                table.column("currency", .text).notNull()
                table.column("payerName", .text)
                table.column("remittance", .text).notNull()
                table.column("reference", .text)
                table.column("outcome", .text).notNull()
                table.column("transferID", .integer)
                table.column("paymentRowID", .integer)
            }
            try db.create(table: "outgoingEmail") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("messageID", .text).notNull().unique()
                table.column("kind", .text).notNull()                 // payment-request | receipt
                table.column("customerID", .text).notNull()
                table.column("recipient", .text).notNull()
                table.column("subject", .text).notNull()
                table.column("message", .blob).notNull()              // the complete RFC 5322 message
                table.column("status", .text).notNull()               // queued | sent | failed
                table.column("attempts", .integer).notNull().defaults(to: 0)
                table.column("lastError", .text)
                table.column("createdAt", .integer).notNull()
                table.column("nextAttemptAt", .integer).notNull()
                table.column("sentAt", .integer)
                table.column("delivery", .text)
            }
            try db.create(index: "email_by_status", on: "outgoingEmail", columns: ["status", "nextAttemptAt"])
        }
        migrator.registerMigration("v5 index payments by account") { db in
            // Every booking computes the account's settlement before and after: without this index
            // that read scanned every booked payment of every customer.
            try db.create(index: "payment_by_account", on: "payment", columns: ["accountID", "status"])
        }
        migrator.registerMigration("v6 GiroCodes by reference") { db in
            // A cache, not a record: the QR modules of the last GiroCode drawn for each RF reference
            // and a hash of the payload they encode. Encoding (choosing the mask) was a third of a page's
            // CPU; a reference's code only changes when its amount does.
            try db.create(table: "giroCode") { table in
                table.primaryKey("reference", .text)
                table.column("payloadHash", .blob).notNull()
                table.column("size", .integer).notNull()
                table.column("modules", .blob).notNull()
            }
        }
        migrator.registerMigration("v7 refunds reported by id and by running total") { db in
            // What providers reported as refunded, each refund id and each running total once, so that
            // a refund counts once in whatever shape and order its events arrive (Ledger+Refunds).
            try db.create(table: "refundReport") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("provider", .text).notNull()
                table.column("providerPaymentID", .text).notNull()
                table.column("kind", .text).notNull().check { ["refund", "total"].contains($0) }
                table.column("refundID", .text).notNull()                  // "total-<amount>" for a total
                table.column("amountMinor", .integer).notNull().check { $0 > 0 }
                table.column("currency", .text).notNull()
                table.column("sourceEvent", .text).notNull()
                table.column("receivedAt", .integer).notNull()
                table.uniqueKey(["provider", "providerPaymentID", "kind", "refundID"])
            }
            // Refunds booked before: a "total-<n>" entry (booked for the part of a running total not
            // booked yet) reported the total n; any other refund entry reported itself.
            try db.execute(sql: """
                INSERT INTO refundReport (provider, providerPaymentID, kind, refundID, amountMinor, currency, sourceEvent, receivedAt)
                SELECT provider, providerPaymentID,
                       CASE WHEN isTotal THEN 'total' ELSE 'refund' END, refundID,
                       CASE WHEN isTotal THEN CAST(substr(refundID, 7) AS INTEGER) ELSE amountMinor END,
                       currency, sourceEvent, bookedAt
                FROM (SELECT *, (refundID GLOB 'total-[1-9]*' AND substr(refundID, 7) NOT GLOB '*[^0-9]*'
                                 AND length(refundID) <= 20) AS isTotal
                      FROM payment WHERE kind = 'refund')
                """)
        }
        migrator.registerMigration(typedColumnsMigration) { db in
            // Enum and currency columns refuse values no Swift value stands for (Ledger+TypedColumns).
            try migrateToTypedColumns(db)
        }
        migrator.registerMigration(invoiceSelectionMigration) { db in
            // The invoices a customer ticked to pay (a JSON array; NULL otherwise): recorded with the
            // checkout, carried to the payment it becomes, settled first (InvoiceSelectionColumn).
            for table in ["pendingPayment", "payment"] {
                try db.execute(sql: """
                    ALTER TABLE \(table) ADD COLUMN invoiceNumbers TEXT
                        CHECK (invoiceNumbers IS NULL OR (json_valid(invoiceNumbers) AND json_type(invoiceNumbers) = 'array'))
                    """)
            }
        }
        migrator.registerMigration(mailingsMigration) { db in
            // Mailings recorded with their messages, two more email kinds, claims by process (Ledger+MailingsMigration).
            try migrateToMailings(db)
        }
        migrator.registerMigration(giroCodeImageMigration) { db in
            // The page's image of each kept code (a 1-bit PNG): drawing it from the modules was most of
            // what a kept code still cost a page. NULL for codes kept before; drawn again when used.
            try db.execute(sql: "ALTER TABLE giroCode ADD COLUMN png BLOB")
        }
        migrator.registerMigration(pageClaimsMigration) { db in
            // Which process is writing a marked page, and until when (`claimPages`): two processes on one
            // ledger (two receivers, or `serve` and an `approve`) never write one page at the same time.
            try db.execute(sql: "ALTER TABLE dirtyPage ADD COLUMN claimedBy TEXT")
            try db.execute(sql: "ALTER TABLE dirtyPage ADD COLUMN claimedUntil INTEGER")
        }
        return migrator
    }
}
