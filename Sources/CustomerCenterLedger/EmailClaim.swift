import GRDB

/// One row of the `emailClaim` table (v10): a queued message a process took for delivery, and which
/// process (`ProcessIdentity`'s text). A claim of a process that has ended is taken over at once,
/// so a mailing killed mid-way resumes without waiting for the lease; the row goes when the
/// attempt is recorded.
public struct EmailClaim: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "emailClaim"

    /// The claimed `outgoingEmail` row.
    public var emailID: Int64
    /// Who claimed it: host, process id and start time (`ProcessIdentity`).
    public var claimedBy: String
    /// When (Unix seconds).
    public var claimedAt: Int

    public enum Columns {
        static let emailID = Column(CodingKeys.emailID)
        static let claimedBy = Column(CodingKeys.claimedBy)
    }
}
