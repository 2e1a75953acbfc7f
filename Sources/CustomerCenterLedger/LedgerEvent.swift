import GRDB

/// One row of the `event` table: a callback event received, and what came of it.
public struct LedgerEvent: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "event"

    public var id: Int64?
    public var provider: String
    public var eventID: String
    public var receivedAt: Int
    public var outcome: String
    public var detail: String?

    public enum Columns {
        static let provider = Column(CodingKeys.provider)
        static let eventID = Column(CodingKeys.eventID)
    }

    /// Column by column: one is written for every callback, and Codable encoding cost more than the insert.
    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["provider"] = provider
        container["eventID"] = eventID
        container["receivedAt"] = receivedAt
        container["outcome"] = outcome
        container["detail"] = detail
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
