import CustomerCenterModel
import GRDB

extension Ledger {
    /// Queues each message together with the record of what it is for, all in one transaction, so that
    /// a message is never queued without its record nor recorded without being queued. A message
    /// whose record exists already is not queued (nil in its place): a link version mailed before, or a
    /// reminder naming an invoice that was reminded on a day less than `intervalDays` before its day.
    /// Checked inside the transaction, so two mailings at once cannot both queue it.
    public func enqueue(_ batch: [(email: OutgoingEmail, mailing: Mailing)]) throws(LedgerError) -> [OutgoingEmail?] {
        guard !batch.isEmpty else { return [] }
        return try write("queue \(batch.count) mailed emails") { db in
            try batch.map { item -> OutgoingEmail? in
                switch item.mailing {
                case .personalLink(let customerID, let linkVersion):
                    guard try LinkMailingRecord.fetchOne(db, key: ["customerID": customerID, "linkVersion": linkVersion]) == nil else {
                        return nil
                    }
                    var row = item.email
                    try row.insert(db)
                    try LinkMailingRecord(customerID: customerID, linkVersion: linkVersion, emailID: row.id ?? 0,
                                          queuedAt: row.createdAt).insert(db)
                    return row
                case .reminder(let customerID, let invoices, let day, let intervalDays):
                    // Reminded on a day after this one is the interval's start: too recent.
                    let recentAfter = day.adding(days: -intervalDays).description
                    for invoice in invoices {
                        let recent = try InvoiceReminderRecord
                            .filter(InvoiceReminderRecord.Columns.accountID == invoice.accountID
                                && InvoiceReminderRecord.Columns.invoiceNumber == invoice.number
                                && InvoiceReminderRecord.Columns.remindedOn > recentAfter)
                            .fetchCount(db)
                        if recent > 0 { return nil }
                    }
                    var row = item.email
                    try row.insert(db)
                    for invoice in invoices {
                        var record = InvoiceReminderRecord(id: nil, customerID: customerID, accountID: invoice.accountID,
                                                           invoiceNumber: invoice.number, remindedOn: day.description,
                                                           queuedAt: row.createdAt, emailID: row.id ?? 0)
                        try record.insert(db)
                    }
                    return row
                }
            }
        }
    }

    /// The link versions whose personal link was queued for mailing, by customer (customers without
    /// any are absent).
    public func mailedLinkVersions(customerIDs: [String]) throws(LedgerError) -> [String: Set<Int>] {
        guard !customerIDs.isEmpty else { return [:] }
        return try read("read mailed links") { db in
            var mailed: [String: Set<Int>] = [:]
            for row in try Ledger.rows(LinkMailingRecord.self, of: customerIDs, order: "customerID", db: db) {
                mailed[row.customerID, default: []].insert(row.linkVersion)
            }
            return mailed
        }
    }

    /// The last day each invoice of `customerIDs` was named in a reminder (invoices never reminded are absent).
    public func lastReminded(customerIDs: [String]) throws(LedgerError) -> [RemindedInvoice: CalendarDate] {
        guard !customerIDs.isEmpty else { return [:] }
        return try read("read reminders") { db in
            var last: [RemindedInvoice: CalendarDate] = [:]
            for row in try InvoiceReminderRecord.filter(customerIDs.contains(InvoiceReminderRecord.Columns.customerID)).fetchAll(db) {
                guard let day = CalendarDate(iso: row.remindedOn) else {
                    throw LedgerDecodingError(table: InvoiceReminderRecord.databaseTableName, row: "id \(row.id ?? 0)",
                                              column: "remindedOn", value: "\"\(row.remindedOn)\"")
                }
                let invoice = RemindedInvoice(accountID: row.accountID, number: row.invoiceNumber)
                if last[invoice].map({ $0 < day }) ?? true { last[invoice] = day }
            }
            return last
        }
    }
}
