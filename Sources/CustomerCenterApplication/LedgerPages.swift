import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterRender
import CustomerCenterSigning
import Foundation

/// The ledger as personal pages see it (`PageLedger`): the days of its Unix times are the merchant's.
public struct LedgerPages: PageLedger {
    let ledger: any LedgerStore
    let config: SiteConfig

    /// Pages reading `ledger`, with days in `config`'s time zone.
    public init(ledger: any LedgerStore, config: SiteConfig) {
        self.ledger = ledger
        self.config = config
    }

    public func activities(customerIDs: [String], now: Int) throws -> [String: CustomerActivity] {
        let config = self.config
        return try ledger.activities(customerIDs: customerIDs, now: now, dateOf: { config.day(ofUnixTime: $0) })
    }

    public func references(for purposes: [String: [TransferPurpose]], at time: Int) throws -> [String: [TransferPurpose: CreditorReference]] {
        try ledger.references(batch: purposes, at: time)
    }

    public func keptGiroCodes(references: [String]) throws -> [String: StoredGiroCode] {
        try ledger.giroCodes(references: references)
    }

    public func keepGiroCodes(_ codes: [String: StoredGiroCode]) throws {
        try ledger.saveGiroCodes(codes)
    }
}

extension BuildOptions {
    /// These options with pages reading `ledger`: booked money, checkouts, and the transfers' RF
    /// references (handed out on first use). One wiring for `build`, the preview and the receiver's tests.
    public func reading(_ ledger: any LedgerStore, config: SiteConfig, now: @escaping @Sendable () -> Date = { Date() }) -> BuildOptions {
        var options = self
        options.ledger = LedgerPages(ledger: ledger, config: config)
        options.now = now
        // Beside the SQLite ledger's path (never in the published folder; with a PostgreSQL ledger that
        // path stays the default `.customer-center/ledger.sqlite`): one page cache per output folder,
        // one check cache per content folder.
        let folder = (config.receiver.ledgerPath as NSString).deletingLastPathComponent + "/build-cache/"
        func name(_ path: String) -> String {
            ByteEncoding.hex(SHA256.hash(Array(URL(fileURLWithPath: path).standardizedFileURL.path.utf8)).prefix(12))
        }
        options.cachePath = folder + "pages-" + name(outputPath) + ".cache"
        options.checkCachePath = folder + "content-" + name(contentPath) + ".cache"
        return options
    }
}
