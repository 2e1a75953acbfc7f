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
        /// Carries a customer's personal link (`send-links`, `rotate-link`; allowed since v10).
        case personalLink = "personal-link"
        /// Reminds of overdue invoices (`remind`; allowed since v10).
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
        guard let message = Self.bytes(stored: stored) else {
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
        container["message"] = Self.storedText(message)
        container["status"] = status
        container["attempts"] = attempts
        container["lastError"] = lastError
        container["createdAt"] = createdAt
        container["nextAttemptAt"] = nextAttemptAt
        container["sentAt"] = sentAt
        container["delivery"] = delivery
    }

    /// `message` as stored: a JSON array of the byte values, exactly as JSONEncoder writes it
    /// (`[72,105]`), written by hand because JSONEncoder took most of a mailing's time.
    static func storedText(_ message: [UInt8]) -> String {
        var text: [UInt8] = [UInt8(ascii: "[")]
        text.reserveCapacity(message.count * 4 + 2)
        for (index, byte) in message.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            if byte >= 100 { text.append(UInt8(ascii: "0") + byte / 100) }
            if byte >= 10 { text.append(UInt8(ascii: "0") + byte / 10 % 10) }
            text.append(UInt8(ascii: "0") + byte % 10)
        }
        text.append(UInt8(ascii: "]"))
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes of a stored message; nil when the text is not a JSON array of byte values. The
    /// form `storedText` writes is read directly; anything else JSON allows goes through JSONDecoder.
    static func bytes(stored: String) -> [UInt8]? {
        let text = Array(stored.utf8)
        if let bytes = compactBytes(text) { return bytes }
        return try? JSONDecoder().decode([UInt8].self, from: Data(text))
    }

    /// `[72,105]`: decimal byte values without leading zeros, separated by commas, nothing else.
    private static func compactBytes(_ text: [UInt8]) -> [UInt8]? {
        guard text.count >= 2, text.first == UInt8(ascii: "["), text.last == UInt8(ascii: "]") else { return nil }
        if text.count == 2 { return [] }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 3)
        var value = 0
        var digits = 0
        for character in text[1...] {
            if character >= UInt8(ascii: "0"), character <= UInt8(ascii: "9") {
                guard digits < 3, !(digits == 1 && value == 0) else { return nil }
                value = value * 10 + Int(character - UInt8(ascii: "0"))
                digits += 1
            } else if character == UInt8(ascii: ",") || character == UInt8(ascii: "]") {
                guard digits > 0, value <= 255 else { return nil }
                bytes.append(UInt8(value))
                value = 0
                digits = 0
            } else {
                return nil
            }
        }
        // Exactly one "]", the last character: one value per comma, plus the last.
        return bytes.count == text.lazy.filter { $0 == UInt8(ascii: ",") }.count + 1 ? bytes : nil
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
