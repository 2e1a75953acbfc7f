import CustomerCenterContent
import CustomerCenterLedger

/// Opens the ledger named in the configuration, for the commands that read or change it.
enum LedgerAccess {
    static func open(contentPath: String) throws -> (SiteConfig, Ledger) {
        let config: SiteConfig
        do { config = try ContentFolder(path: contentPath).loadConfig() } catch { throw fail([error.description]) }
        do { return (config, try Ledger(path: config.receiver.ledgerPath)) } catch { throw fail([error.description]) }
    }
}
