import CustomerCenterLedger
import CustomerCenterLedgerPostgres
import Foundation

/// The ledger engines a test runs against: SQLite always, PostgreSQL when the environment names a
/// server (`CUSTOMER_CENTER_TEST_POSTGRES_URL`, set by scripts/test.sh from its throwaway cluster).
/// In CI (`CI` set) PostgreSQL is always in the list, so a missing URL fails instead of skipping.
public enum LedgerEngineKind: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgresql

    /// The environment variable with the URL of a server the tests may create databases on.
    public static let serverVariable = "CUSTOMER_CENTER_TEST_POSTGRES_URL"

    /// The engines to run against here.
    public static let available: [LedgerEngineKind] = {
        let environment = ProcessInfo.processInfo.environment
        if environment[serverVariable]?.isEmpty == false || environment["CI"] != nil { return [.sqlite, .postgresql] }
        // Said once per test process, so a local run shows what it did not test.
        FileHandle.standardError.write(Data("note: PostgreSQL ledger tests skipped: \(serverVariable) is not set (scripts/test.sh sets it; CI always does)\n".utf8))
        return [.sqlite]
    }()

    public var description: String { rawValue }

    /// The test server's URL, or why there is none.
    public static func serverURL() throws -> PostgresLedgerURL {
        guard let text = ProcessInfo.processInfo.environment[serverVariable], !text.isEmpty else {
            throw TestLedgerError("\(serverVariable) is not set: run the tests through scripts/test.sh, which starts a PostgreSQL cluster")
        }
        return try PostgresLedgerURL(text)
    }
}

/// A problem setting up a test ledger.
public struct TestLedgerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
