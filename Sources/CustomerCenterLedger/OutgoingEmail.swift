import GRDB

/// One row of the `outgoingEmail` table: a message to a customer, stored before the first delivery
/// attempt so that a failed or interrupted delivery is retried, never lost.
public struct OutgoingEmail: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outgoingEmail"

    public enum Status: String, Codable, Hashable, Sendable {
        /// Waiting for its (next) delivery attempt.
        case queued
        /// Handed to the mail command or written to the outbox.
        case sent
        /// Given up after the last attempt; `emails --retry` tries again.
        case failed
    }

    public var id: Int64?
    public var messageID: String
    /// `payment-request` or `receipt`.
    public var kind: String
    public var customerID: String
    public var recipient: String
    public var subject: String
    /// The complete RFC 5322 message.
    public var message: [UInt8]
    public var status: Status
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Int
    public var nextAttemptAt: Int
    public var sentAt: Int?
    /// Where it went ("written to outbox/…eml", "sent with /usr/sbin/sendmail").
    public var delivery: String?

    public init(messageID: String, kind: String, customerID: String, recipient: String, subject: String, message: [UInt8],
                createdAt: Int) {
        self.id = nil
        self.messageID = messageID
        self.kind = kind
        self.customerID = customerID
        self.recipient = recipient
        self.subject = subject
        self.message = message
        self.status = .queued
        self.attempts = 0
        self.createdAt = createdAt
        self.nextAttemptAt = createdAt
    }

    public enum Columns {
        static let status = Column(CodingKeys.status)
        static let nextAttemptAt = Column(CodingKeys.nextAttemptAt)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
