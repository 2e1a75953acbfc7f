import GRDB

/// One row of the `event` table: a callback event received, and what came of it.
public struct LedgerEvent: Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// What booking the event did, as stored (`BookingOutcome` without its details).
    public enum Outcome: String, Hashable, Sendable, CaseIterable, DatabaseValueConvertible {
        case booked
        case unmatched
        case waiting
        case duplicateEvent = "duplicate-event"
        case duplicatePayment = "duplicate-payment"
    }

    public static let databaseTableName = "event"

    public var id: Int64?
    public var provider: String
    public var eventID: String
    public var receivedAt: Int
    public var outcome: Outcome
    public var detail: String?

    /// An event record with the given fields.
    public init(id: Int64? = nil, provider: String, eventID: String, receivedAt: Int, outcome: Outcome, detail: String?) {
        self.id = id
        self.provider = provider
        self.eventID = eventID
        self.receivedAt = receivedAt
        self.outcome = outcome
        self.detail = detail
    }

    public enum Columns {
        static let provider = Column("provider")
        static let eventID = Column("eventID")
    }

    /// Read column by column; an unknown outcome throws, naming the row.
    public init(row: Row) throws {
        let read = LedgerRowReader(row, table: Self.databaseTableName)
        self.init(id: try read("id"), provider: try read("provider"), eventID: try read("eventID"),
                  receivedAt: try read("receivedAt"), outcome: try read("outcome"), detail: try read("detail"))
    }

    /// Column by column: one is written for every callback, and Codable encoding cost more than the insert.
    public func encode(to container: inout PersistenceContainer) throws {
        encodeColumns(to: &container)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension LedgerEvent: PreparedInsert {
    static let insertedColumns = ["provider", "eventID", "receivedAt", "outcome", "detail"]
    static let insertSQL = insertStatement(into: databaseTableName, insertedColumns)

    var insertedValues: [(any DatabaseValueConvertible)?] { [provider, eventID, receivedAt, outcome, detail] }
}
