import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterLedgerPostgres
import Foundation
import Logging

/// Which ledger engine holds the ledger, and opening it: the SQLite file (the embedded default), or
/// PostgreSQL for several receivers on one database. `CUSTOMER_CENTER_LEDGER_URL` in the environment
/// wins over `[receiver] ledger`; a PostgreSQL password comes from the URL in that variable, the
/// secret `ledger_password` (`CUSTOMER_CENTER_LEDGER_PASSWORD` or the secrets file) or `PGPASSWORD`,
/// never from content/.
public enum LedgerEngine: Sendable, Equatable {
    case sqlite(path: String)
    case postgresql(PostgresLedgerURL)

    /// The environment variable whose PostgreSQL URL wins over the configuration.
    public static let urlVariable = "CUSTOMER_CENTER_LEDGER_URL"
    /// The secret that holds the PostgreSQL password.
    public static let passwordSecret = "ledger_password"

    /// The engine `config` and `environment` name. A URL that cannot be used is one problem naming
    /// the URL (without its password) and the reason.
    public static func chosen(config: SiteConfig, environment: [String: String]) throws(WorkspaceError) -> LedgerEngine {
        let text: String
        if let fromEnvironment = environment[urlVariable], !fromEnvironment.isEmpty {
            text = fromEnvironment
        } else if let configured = config.receiver.ledgerURL {
            text = configured
        } else {
            return .sqlite(path: config.receiver.ledgerPath)
        }
        do {
            return .postgresql(try PostgresLedgerURL(text))
        } catch {
            throw WorkspaceError("open the ledger", problems: [error.description])
        }
    }

    /// Opens (creating or migrating) the ledger `config` and `environment` name. `secrets` is asked
    /// for `ledger_password` only for PostgreSQL.
    public static func open(config: SiteConfig, environment: [String: String], secrets: () throws(WorkspaceError) -> SecretSource,
                            logger: Logger) throws(WorkspaceError) -> any LedgerStore {
        let engine = try chosen(config: config, environment: environment)
        do throws(LedgerError) {
            switch engine {
            case .sqlite(let path):
                return try Ledger(path: path)
            case .postgresql(let url):
                return try postgres(url, environment: environment, secrets: secrets, logger: logger)
            }
        } catch {
            throw WorkspaceError("open the ledger", problems: [error.description])
        }
    }

    /// Opens (creating or migrating) the PostgreSQL ledger at `url`, its password from the URL, the
    /// secret `ledger_password` or `PGPASSWORD`.
    public static func postgres(_ url: PostgresLedgerURL, environment: [String: String], secrets: () throws(WorkspaceError) -> SecretSource,
                                logger: Logger) throws(LedgerError) -> PostgresLedger {
        var password = url.password
        if password == nil { password = try? secrets().value(passwordSecret) }
        if password == nil, let variable = environment["PGPASSWORD"], !variable.isEmpty { password = variable }
        return try PostgresLedger(url: url, password: password, logger: logger)
    }

    /// `open(config:environment:secrets:logger:)` for commands without a workspace: the secrets from
    /// the configuration's secrets file and the environment.
    public static func open(config: SiteConfig, contentPath: String, environment: [String: String],
                            logger: Logger = Logger(label: "customer-center")) throws(WorkspaceError) -> any LedgerStore {
        try open(config: config, environment: environment, secrets: { () throws(WorkspaceError) -> SecretSource in
            do { return try SecretSource(config: config, contentFolder: contentPath, environment: environment) } catch {
                throw WorkspaceError("load secrets", problems: ["\(error)"])
            }
        }, logger: logger)
    }
}
