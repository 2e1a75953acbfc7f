/// A ledger failure: the database could not be opened, migrated, read or written. Carries the path and
/// what was being done; never payment data beyond ids.
public struct LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database file.
    public var path: String
    /// What was being done ("book event evt_1").
    public var action: String
    /// The underlying reason.
    public var reason: String

    public init(path: String, action: String, reason: String) {
        self.path = path
        self.action = action
        self.reason = reason
    }

    public var description: String { "\(path): cannot \(action): \(reason)" }
}
