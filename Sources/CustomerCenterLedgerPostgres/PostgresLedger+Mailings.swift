import CustomerCenterLedger
import CustomerCenterModel
import PostgresNIO

extension PostgresLedger {
    /// Queues each message with the record of what it is for, in one transaction (the rules of
    /// `Ledger.enqueue(_:)`): one whose record exists already is not queued (nil). The customers'
    /// mailing locks are taken first, in a fixed order, so that two instances or commands mailing at
    /// once see each other's records (a reminder's interval is not a unique key).
    public func enqueue(_ batch: [(email: OutgoingEmail, mailing: Mailing)]) throws(LedgerError) -> [OutgoingEmail?] {
        guard !batch.isEmpty else { return [] }
        return try write("queue \(batch.count) mailed emails") { session in
            // Namespace 3: mailings of a customer (0 migrations, 1 accounts, 2 refunds of a payment).
            let customers = Set(batch.map(\.mailing.customerID)).sorted()
            try session.execute("""
                SELECT count(pg_advisory_xact_lock(3, hashtext(key)))
                FROM (SELECT key FROM unnest(\(customers)::text[]) AS k(key) ORDER BY key COLLATE "C") AS ordered
                """)
            return try batch.map { item -> OutgoingEmail? in
                switch item.mailing {
                case .personalLink(let customerID, let linkVersion):
                    guard try !session.exists("""
                        SELECT 1 FROM linkMailing WHERE customerID = \(customerID) AND linkVersion = \(linkVersion)
                        """) else { return nil }
                    let row = try PostgresLedger.insert(item.email, session: session)
                    try session.execute("""
                        INSERT INTO linkMailing (customerID, linkVersion, emailID, queuedAt)
                        VALUES (\(customerID), \(linkVersion), \(row.id ?? 0), \(row.createdAt))
                        """)
                    return row
                case .reminder(let customerID, let invoices, let day, let intervalDays):
                    // Reminded on a day after this one is the interval's start: too recent.
                    let recentAfter = day.adding(days: -intervalDays).description
                    for invoice in invoices {
                        if try session.exists("""
                            SELECT 1 FROM invoiceReminder WHERE accountID = \(invoice.accountID)
                            AND invoiceNumber = \(invoice.number) AND remindedOn > \(recentAfter)
                            """) { return nil }
                    }
                    let row = try PostgresLedger.insert(item.email, session: session)
                    for invoice in invoices {
                        try session.execute("""
                            INSERT INTO invoiceReminder (customerID, accountID, invoiceNumber, remindedOn, queuedAt, emailID)
                            VALUES (\(customerID), \(invoice.accountID), \(invoice.number), \(day.description), \(row.createdAt), \(row.id ?? 0))
                            """)
                    }
                    return row
                }
            }
        }
    }

    /// The link versions whose personal link was queued for mailing, by customer.
    public func mailedLinkVersions(customerIDs: [String]) throws(LedgerError) -> [String: Set<Int>] {
        guard !customerIDs.isEmpty else { return [:] }
        return try read("read mailed links") { session in
            var mailed: [String: Set<Int>] = [:]
            for row in try session.rows("SELECT customerID, linkVersion FROM linkMailing WHERE customerID = ANY(\(customerIDs)::text[])") {
                mailed[try row[0].decode(String.self), default: []].insert(try row[1].decode(Int.self))
            }
            return mailed
        }
    }

    /// The last day each invoice of `customerIDs` was named in a reminder.
    public func lastReminded(customerIDs: [String]) throws(LedgerError) -> [RemindedInvoice: CalendarDate] {
        guard !customerIDs.isEmpty else { return [:] }
        return try read("read reminders") { session in
            var last: [RemindedInvoice: CalendarDate] = [:]
            for row in try session.rows("""
                SELECT id, accountID, invoiceNumber, remindedOn FROM invoiceReminder WHERE customerID = ANY(\(customerIDs)::text[])
                """) {
                let read = PostgresRowReader(row, table: "invoiceReminder")
                let text: String = try read("remindedOn")
                guard let day = CalendarDate(iso: text) else {
                    throw LedgerDecodingError(table: "invoiceReminder", row: read.rowDescription, column: "remindedOn", value: "\"\(text)\"")
                }
                let invoice = RemindedInvoice(accountID: try read("accountID"), number: try read("invoiceNumber"))
                if last[invoice].map({ $0 < day }) ?? true { last[invoice] = day }
            }
            return last
        }
    }
}
