import CustomerCenterApplication
import CustomerCenterContent
import CustomerCenterLedger
import Foundation

/// Opens the ledger named in the configuration (or `CUSTOMER_CENTER_LEDGER_URL`), for the commands
/// that read or change it.
enum LedgerAccess {
    static func open(contentPath: String) throws -> (SiteConfig, any LedgerStore) {
        let config: SiteConfig
        do { config = try ContentFolder(path: contentPath).loadConfig() } catch { throw fail([error.description]) }
        do {
            return (config, try LedgerEngine.open(config: config, contentPath: contentPath, environment: ProcessInfo.processInfo.environment))
        } catch {
            throw fail(error.problems)
        }
    }
}
