import GRDB

/// One row of the `linkMailing` table (v10): a customer's personal link of one link version was queued
/// for mailing, in the same transaction as its message. The key (customer, version) makes it once.
public struct LinkMailingRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "linkMailing"

    public var customerID: String
    public var linkVersion: Int
    /// The `outgoingEmail` row that carries the link.
    public var emailID: Int64
    /// When it was queued (Unix seconds).
    public var queuedAt: Int

    public enum Columns {
        static let customerID = Column(CodingKeys.customerID)
        static let linkVersion = Column(CodingKeys.linkVersion)
    }
}
