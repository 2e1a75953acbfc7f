import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterRender
import CustomerCenterSigning
import Foundation

extension BuildOptions {
    /// These options with pages reading `ledger`: booked money, checkouts, and the transfers' RF
    /// references (handed out on first use). One wiring for `build`, the preview and the receiver's tests.
    public func reading(_ ledger: Ledger, config: SiteConfig, now: @escaping @Sendable () -> Date = { Date() }) -> BuildOptions {
        var options = self
        options.activity = { customerIDs in
            try ledger.activities(customerIDs: customerIDs, now: Int(now().timeIntervalSince1970), dateOf: { config.day(ofUnixTime: $0) })
        }
        // One cache per output folder, beside the ledger (never in the published folder).
        let output = URL(fileURLWithPath: outputPath).standardizedFileURL.path
        options.cachePath = (ledger.path as NSString).deletingLastPathComponent + "/build-cache/"
            + ByteEncoding.hex(SHA256.hash(Array(output.utf8)).prefix(12)) + ".tsv"
        options.references = { purposes in
            try ledger.references(batch: purposes, at: Int(now().timeIntervalSince1970))
        }
        options.storedGiroCodes = { references in try ledger.giroCodes(references: references) }
        options.saveGiroCodes = { codes in try ledger.saveGiroCodes(codes) }
        return options
    }
}
