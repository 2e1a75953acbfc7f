extension Ledger {
    /// ISO 4217 codes as the model knew them when v8 shipped (`Currency+ISO4217`, list of 2024). Frozen
    /// with the migration: a currency added to the model needs a new migration that widens these CHECKs
    /// (`TypedColumnTests` fails until then).
    static let v8Currencies: [String] = """
        AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL \
        BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP \
        ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR \
        IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL \
        LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR \
        NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD \
        SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX \
        USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWG
        """.split(separator: " ").map(String.init)

    /// The tables v8 rebuilds, with the values each enum column allows (the raw values of the Swift
    /// enum named beside it). Columns, keys and foreign keys are those of v1 to v7; only the CHECKs
    /// on enum columns are new. Part of the migration: never edit once shipped.
    static let typedTables: [TypedTable] = [
        TypedTable("payment", [
            .init("id", "INTEGER PRIMARY KEY AUTOINCREMENT"),
            .init("provider", "TEXT NOT NULL"),
            .init("providerPaymentID", "TEXT NOT NULL"),
            .init("kind", "TEXT NOT NULL", allowed: ["payment", "refund"]),                       // PaymentEvent.Kind
            .init("refundID", "TEXT NOT NULL DEFAULT ''"),
            .init("status", "TEXT NOT NULL", allowed: ["booked", "unmatched", "mismatch", "waiting"]),  // LedgerPayment.Status
            .init("customerID", "TEXT"),
            .init("accountID", "TEXT"),
            .init("invoiceNumber", "TEXT"),
            .init("purpose", "TEXT NOT NULL", allowed: ["settle", "top-up"]),                     // PaymentEvent.Purpose
            .init("method", "TEXT NOT NULL",
                  allowed: ["transfer", "paypal", "sofort", "card", "cash", "direct_debit", "other"]),  // Payment.Method
            .init("amountMinor", #"INTEGER NOT NULL CHECK ("amountMinor" > 0)"#),
            .init("currency", "TEXT NOT NULL", allowed: v8Currencies),                            // Currency
            .init("occurredAt", "INTEGER NOT NULL"),
            .init("bookedAt", "INTEGER NOT NULL"),
            .init("sourceEvent", "TEXT NOT NULL"),
            .init("note", "TEXT"),
        ], constraints: [#"UNIQUE ("provider", "providerPaymentID", "kind", "refundID")"#]),
        TypedTable("event", [
            .init("id", "INTEGER PRIMARY KEY AUTOINCREMENT"),
            .init("provider", "TEXT NOT NULL"),
            .init("eventID", "TEXT NOT NULL"),
            .init("receivedAt", "INTEGER NOT NULL"),
            .init("outcome", "TEXT NOT NULL",
                  allowed: ["booked", "unmatched", "waiting", "duplicate-event", "duplicate-payment"]),  // LedgerEvent.Outcome
            .init("detail", "TEXT"),
        ], constraints: [#"UNIQUE ("provider", "eventID")"#]),
        TypedTable("pendingPayment", [
            .init("id", "INTEGER PRIMARY KEY AUTOINCREMENT"),
            .init("provider", "TEXT NOT NULL"),
            .init("checkoutID", "TEXT NOT NULL UNIQUE"),
            .init("customerID", "TEXT NOT NULL"),
            .init("accountID", "TEXT NOT NULL"),
            .init("invoiceNumber", "TEXT"),
            .init("purpose", "TEXT NOT NULL", allowed: ["settle", "top-up"]),                     // PaymentEvent.Purpose
            .init("method", "TEXT NOT NULL",
                  allowed: ["transfer", "paypal", "sofort", "card", "cash", "direct_debit", "other"]),  // Payment.Method
            .init("amountMinor", #"INTEGER NOT NULL CHECK ("amountMinor" > 0)"#),
            .init("currency", "TEXT NOT NULL", allowed: v8Currencies),                            // Currency
            .init("createdAt", "INTEGER NOT NULL"),
            .init("expiresAt", "INTEGER NOT NULL"),
            .init("status", "TEXT NOT NULL",
                  allowed: ["pending", "completed", "failed", "cancelled", "expired"]),           // CheckoutStatus
            .init("note", "TEXT"),
        ]),
        TypedTable("transferReference", key: "reference", [
            .init("reference", "TEXT PRIMARY KEY NOT NULL"),
            .init("purpose", "TEXT NOT NULL", allowed: ["prepaid", "invoice", "request"]),        // TransferReferenceRecord.Purpose
            .init("customerID", "TEXT NOT NULL"),
            .init("accountID", "TEXT NOT NULL"),
            .init("invoiceNumber", "TEXT NOT NULL"),
            .init("createdAt", "INTEGER NOT NULL"),
        ], constraints: [#"UNIQUE ("purpose", "accountID", "invoiceNumber")"#]),
        TypedTable("transfer", [
            .init("id", "INTEGER PRIMARY KEY AUTOINCREMENT"),
            .init("reference", "TEXT NOT NULL"),
            .init("kind", "TEXT NOT NULL", allowed: ["request", "receipt"]),                      // TransferRecord.Kind
            .init("customerID", "TEXT NOT NULL"),
            .init("accountID", "TEXT NOT NULL"),
            .init("invoiceNumber", "TEXT"),
            .init("purpose", "TEXT NOT NULL", allowed: ["settle", "top-up"]),                     // PaymentEvent.Purpose
            .init("currency", "TEXT NOT NULL", allowed: v8Currencies),                            // Currency
            .init("expectedMinor", "INTEGER"),
            .init("status", "TEXT NOT NULL",
                  allowed: ["announced", "received", "approved", "rejected", "expired"]),         // TransferStatus
            .init("createdAt", "INTEGER NOT NULL"),
            .init("expiresAt", "INTEGER"),
            .init("receivedMinor", "INTEGER"),
            .init("receivedOn", "TEXT"),
            .init("payerName", "TEXT"),
            .init("bankReference", "TEXT UNIQUE"),
            .init("decidedAt", "INTEGER"),
            .init("paymentRowID", #"INTEGER REFERENCES "payment"("id") ON DELETE RESTRICT"#),
            .init("note", "TEXT"),
        ]),
        TypedTable("statementEntry", key: "bankReference", [
            .init("bankReference", "TEXT PRIMARY KEY NOT NULL"),
            .init("importedAt", "INTEGER NOT NULL"),
            .init("file", "TEXT NOT NULL"),
            .init("bookingDate", "TEXT NOT NULL"),
            .init("amountMinor", "INTEGER NOT NULL"),
            .init("currency", "TEXT NOT NULL", allowed: v8Currencies),                            // Currency
            .init("payerName", "TEXT"),
            .init("remittance", "TEXT NOT NULL"),
            .init("reference", "TEXT"),
            .init("outcome", "TEXT NOT NULL",
                  allowed: ["received", "approved", "rejected", "unmatched", "mismatch"]),        // StatementEntryRecord.Outcome
            .init("transferID", "INTEGER"),
            .init("paymentRowID", "INTEGER"),
        ]),
        TypedTable("outgoingEmail", [
            .init("id", "INTEGER PRIMARY KEY AUTOINCREMENT"),
            .init("messageID", "TEXT NOT NULL UNIQUE"),
            .init("kind", "TEXT NOT NULL", allowed: ["payment-request", "receipt"]),              // OutgoingEmail.Kind
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
        ]),
        TypedTable("refundReport", [
            .init("id", "INTEGER PRIMARY KEY AUTOINCREMENT"),
            .init("provider", "TEXT NOT NULL"),
            .init("providerPaymentID", "TEXT NOT NULL"),
            .init("kind", "TEXT NOT NULL", allowed: ["refund", "total"]),                         // RefundReport.Kind
            .init("refundID", "TEXT NOT NULL"),
            .init("amountMinor", #"INTEGER NOT NULL CHECK ("amountMinor" > 0)"#),
            .init("currency", "TEXT NOT NULL", allowed: v8Currencies),                            // Currency
            .init("sourceEvent", "TEXT NOT NULL"),
            .init("receivedAt", "INTEGER NOT NULL"),
        ], constraints: [#"UNIQUE ("provider", "providerPaymentID", "kind", "refundID")"#]),
    ]
}
