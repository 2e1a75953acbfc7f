import Foundation
import GRDB

/// One row of the `outgoingEmail` table: a message to a customer, stored before the first delivery
/// attempt so that a failed or interrupted delivery is retried, never lost.
public struct OutgoingEmail: Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outgoingEmail"

    /// What the message is.
    public enum Kind: String, Hashable, Sendable, CaseIterable, DatabaseValueConvertible {
        /// Asks for a transfer (a top-up request's reference and GiroCode).
        case paymentRequest = "payment-request"
        /// Confirms money booked.
        case receipt
        /// Carries a customer's personal link (`send-links`, `rotate-link`; allowed since v9).
        case personalLink = "personal-link"
        /// Reminds of overdue invoices (`remind`; allowed since v9).
        case reminder
    }

    public enum Status: String, Hashable, Sendable, CaseIterable, DatabaseValueConvertible {
        /// Waiting for its (next) delivery attempt.
        case queued
        /// Handed to the mail command or written to the outbox.
        case sent
        /// Given up after the last attempt; `emails --retry` tries again.
        case failed
    }

    public var id: Int64?
    public var messageID: String
    public var kind: Kind
    public var customerID: String
    public var recipient: String
    public var subject: String
    /// The complete RFC 5322 message. Stored as GRDB's Codable encoding wrote it since v4: a JSON
    /// array of the byte values, as text.
    public var message: [UInt8]
    public var status: Status
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Int
    public var nextAttemptAt: Int
    public var sentAt: Int?
    /// Where it went ("written to outbox/…eml", "sent with /usr/sbin/sendmail").
    public var delivery: String?

    /// A message queued at `createdAt`, due at once.
    public init(messageID: String, kind: Kind, customerID: String, recipient: String, subject: String, message: [UInt8],
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
        static let id = Column("id")
        static let status = Column("status")
        static let nextAttemptAt = Column("nextAttemptAt")
    }

    /// Read column by column; an unknown kind or status throws, naming the row.
    public init(row: Row) throws {
        let read = LedgerRowReader(row, table: Self.databaseTableName)
        let stored: String = try read("message")
        guard let message = try? JSONDecoder().decode([UInt8].self, from: Data(stored.utf8)) else {
            throw LedgerDecodingError(table: Self.databaseTableName, row: read.rowDescription, column: "message",
                                      value: "text that is not a JSON array of bytes")
        }
        self.init(messageID: try read("messageID"), kind: try read("kind"), customerID: try read("customerID"),
                  recipient: try read("recipient"), subject: try read("subject"), message: message,
                  createdAt: try read("createdAt"))
        id = try read("id")
        status = try read("status")
        attempts = try read("attempts")
        lastError = try read("lastError")
        nextAttemptAt = try read("nextAttemptAt")
        sentAt = try read("sentAt")
        delivery = try read("delivery")
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["messageID"] = messageID
        container["kind"] = kind
        container["customerID"] = customerID
        container["recipient"] = recipient
        container["subject"] = subject
        container["message"] = String(decoding: try JSONEncoder().encode(message), as: UTF8.self)
        container["status"] = status
        container["attempts"] = attempts
        container["lastError"] = lastError
        container["createdAt"] = createdAt
        container["nextAttemptAt"] = nextAttemptAt
        container["sentAt"] = sentAt
        container["delivery"] = delivery
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
