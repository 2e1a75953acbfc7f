import GRDB

/// One row of the `invoiceReminder` table (v10): an overdue invoice was named in a reminder queued on
/// the merchant's day `remindedOn`, in the same transaction as its message. `remind` reminds the
/// invoice again only `[reminders].interval_days` after the last such day.
public struct InvoiceReminderRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "invoiceReminder"

    public var id: Int64?
    public var customerID: String
    public var accountID: String
    public var invoiceNumber: String
    /// The merchant's day of the reminder, `YYYY-MM-DD` (the interval counts days).
    public var remindedOn: String
    /// When it was queued (Unix seconds).
    public var queuedAt: Int
    /// The `outgoingEmail` row of the reminder.
    public var emailID: Int64

    public enum Columns {
        static let customerID = Column(CodingKeys.customerID)
        static let accountID = Column(CodingKeys.accountID)
        static let invoiceNumber = Column(CodingKeys.invoiceNumber)
        static let remindedOn = Column(CodingKeys.remindedOn)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
