/// A migration refused to run because rows hold values its new constraints would reject. The
/// migration's transaction is rolled back, so the ledger stays as it was: nothing is dropped or
/// rewritten behind the merchant's back. Fix or remove the rows named, then open the ledger again.
public struct LedgerMigrationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The migration's name ("v8 typed columns: CHECK constraints").
    public var migration: String
    /// Every offending value (at most `LedgerMigrationError.listed` are described).
    public var problems: [LedgerDecodingError]

    /// How many problems the message lists.
    public static let listed = 20

    /// The refusal of `migration` because of `problems`.
    public init(migration: String, problems: [LedgerDecodingError]) {
        self.migration = migration
        self.problems = problems
    }

    public var description: String {
        let shown = problems.prefix(Self.listed).map(\.description).joined(separator: "; ")
        let more = problems.count > Self.listed ? "; and \(problems.count - Self.listed) more" : ""
        return "migration \"\(migration)\" refused, the ledger is unchanged: \(problems.count) stored "
            + (problems.count == 1 ? "value is" : "values are") + " not allowed by its constraints (\(shown)\(more)); "
            + "correct or remove these rows with the sqlite3 shell (after a backup), then start again"
    }
}
