import CustomerCenterLedger
import CustomerCenterLedgerPostgres
import Foundation

/// A fresh, empty ledger of one engine for one test: an SQLite file in `folder`, or a PostgreSQL
/// database of its own with a random name (created now, dropped by `drop()`).
public final class TestLedger: @unchecked Sendable {
    public let kind: LedgerEngineKind
    /// The ledger opened on it.
    public let store: any LedgerStore
    /// The SQLite path, or the PostgreSQL database's URL (no password).
    public let location: String
    private let database: String?

    /// Creates the ledger; `folder` holds the SQLite file.
    public init(_ kind: LedgerEngineKind, folder: String) throws {
        self.kind = kind
        switch kind {
        case .sqlite:
            location = (folder as NSString).appendingPathComponent("ledger.sqlite")
            store = try Ledger(path: location)
            database = nil
        case .postgresql:
            let (url, name) = try TestLedger.createDatabase()
            location = url.description
            database = name
            store = try PostgresLedger(url: url)
        }
    }

    /// A new empty database on the test server, and its URL.
    public static func createDatabase() throws -> (PostgresLedgerURL, String) {
        let server = try LedgerEngineKind.serverURL()
        let name = "cc_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        try PostgresDatabases.create(String(name), server: server)
        var url = server
        url.database = String(name)
        return (url, String(name))
    }

    /// Opens the same ledger again (a second process, a restart).
    public func reopen() throws -> any LedgerStore {
        switch kind {
        case .sqlite: return try Ledger(path: location)
        case .postgresql: return try PostgresLedger(url: try PostgresLedgerURL(location))
        }
    }

    /// Drops the PostgreSQL database (SQLite files go with the test's folder).
    public func drop() {
        guard let database, let server = try? LedgerEngineKind.serverURL() else { return }
        (store as? PostgresLedger)?.close()
        try? PostgresDatabases.drop(database, server: server)
    }
}
