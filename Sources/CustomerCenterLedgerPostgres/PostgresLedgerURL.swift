import Foundation

/// Where a PostgreSQL ledger is: `postgresql://user@host:5432/database`, optionally `?sslmode=disable|prefer|require`.
/// Printed without its password, always: it goes into log lines and error messages.
public struct PostgresLedgerURL: Sendable, Equatable, CustomStringConvertible {
    /// How the connection uses TLS (libpq's `sslmode` names).
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    /// Only from a URL that carries one (the environment's `CUSTOMER_CENTER_LEDGER_URL`); never printed.
    public var password: String?
    public var tls: TLSMode

    /// True when `text` names a PostgreSQL ledger rather than an SQLite file.
    public static func names(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// Reads `text`; a problem names the URL (without its password) and what is wrong.
    public init(_ text: String) throws(PostgresLedgerURLError) {
        let shown = PostgresLedgerURL.redacted(text)
        func problem(_ reason: String) -> PostgresLedgerURLError { PostgresLedgerURLError(url: shown, reason: reason) }
        guard PostgresLedgerURL.names(text) else { throw problem("the scheme must be postgresql://") }
        guard let components = URLComponents(string: text) else { throw problem("not a valid URL") }
        guard let host = components.host, !host.isEmpty else { throw problem("no host (postgresql://user@host:5432/database)") }
        guard let user = components.user, !user.isEmpty else { throw problem("no user name (postgresql://user@host:5432/database)") }
        let path = components.path
        let database = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard !database.isEmpty, !database.contains("/") else { throw problem("no database name after the host (postgresql://user@host:5432/database)") }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw problem("port \(port) is out of range") }
        var tls = TLSMode.disable
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    throw problem("sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            default:
                throw problem("unknown parameter \(item.name) (only sslmode is understood)")
            }
        }
        self.host = host
        self.port = port
        self.user = user
        self.database = database.removingPercentEncoding ?? database
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.tls = tls
    }

    /// The URL without password, as messages show it.
    public var description: String {
        var text = "postgresql://\(user)@\(host):\(port)/\(database)"
        if tls != .disable { text += "?sslmode=\(tls.rawValue)" }
        return text
    }

    /// `text` with anything between the user name and the `@` (a password) replaced by `***`, for
    /// messages about URLs that could not be read.
    public static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let rest = text[scheme.upperBound...]
        guard let at = rest.lastIndex(of: "@") else { return text }
        let credentials = rest[..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}

/// A ledger URL that cannot be used, with the URL (password removed) and the reason.
public struct PostgresLedgerURLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var url: String
    public var reason: String
    public var description: String { "ledger \(url): \(reason)" }
}
