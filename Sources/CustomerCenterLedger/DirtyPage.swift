import GRDB

/// One row of the `dirtyPage` table: a customer whose page must be regenerated (marked in the
/// booking's transaction, cleared after the page is written).
public struct DirtyPage: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "dirtyPage"

    public var customerID: String
    public var markedAt: Int

    /// A mark for `customerID` made at `markedAt` (Unix seconds).
    public init(customerID: String, markedAt: Int) {
        self.customerID = customerID
        self.markedAt = markedAt
    }

    public enum Columns {
        static let customerID = Column(CodingKeys.customerID)
        static let markedAt = Column(CodingKeys.markedAt)
    }
}
