import CustomerCenterLedger
import Logging
import PostgresNIO

/// Creating and dropping whole databases on a PostgreSQL server, for the tests (a fresh database per
/// test) and an operator's first set-up. Names are restricted to lower-case letters, digits and `_`.
public enum PostgresDatabases {
    /// Creates database `name` on the server of `url` (connecting to `url`'s database to do it).
    public static func create(_ name: String, server url: PostgresLedgerURL, password: String? = nil) throws(LedgerError) {
        try run("CREATE DATABASE \(name)", name: name, server: url, password: password)
    }

    /// Drops database `name` (and the connections still open to it).
    public static func drop(_ name: String, server url: PostgresLedgerURL, password: String? = nil) throws(LedgerError) {
        try run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", name: name, server: url, password: password)
    }

    /// Runs one SQL statement on `url`'s database, outside any ledger: for tests that store what the
    /// engine never writes (a broken value, a CHECK to be refused).
    public static func execute(_ statement: String, on url: PostgresLedgerURL, password: String? = nil) throws(LedgerError) {
        try run(statement, server: url, password: password)
    }

    private static func run(_ statement: String, name: String, server url: PostgresLedgerURL, password: String?) throws(LedgerError) {
        guard !name.isEmpty, name.count <= 63, name.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            throw LedgerError(path: url.description, action: "name a database", reason: "\(name) is not a name of lower-case letters, digits and _")
        }
        try run(statement, server: url, password: password)
    }

    private static func run(_ statement: String, server url: PostgresLedgerURL, password: String?) throws(LedgerError) {
        let connections = PostgresConnections(
            configuration: PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                            password: url.password ?? password, database: url.database, tls: .disable),
            limit: 1, setup: [], logger: Logger(label: "customer-center.ledger"))
        defer { connections.shutdown() }
        do {
            try connections.withSession { session in try session.execute(PostgresQuery(unsafeSQL: statement)) }
        } catch {
            throw LedgerError(path: url.description, action: statement, reason: PostgresLedger.describe(error))
        }
    }
}
