import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterRender
import Foundation

extension BuildOptions {
    /// These options with pages reading `ledger`: booked money, checkouts, and the transfers' RF
    /// references (handed out on first use). One wiring for `build`, the preview and the receiver's tests.
    public func reading(_ ledger: Ledger, config: SiteConfig, now: @escaping @Sendable () -> Date = { Date() }) -> BuildOptions {
        var options = self
        options.activity = { customerIDs in
            try ledger.activities(customerIDs: customerIDs, now: Int(now().timeIntervalSince1970), dateOf: { config.day(ofUnixTime: $0) })
        }
        options.references = { purposes in
            try ledger.references(batch: purposes, at: Int(now().timeIntervalSince1970))
        }
        return options
    }
}
