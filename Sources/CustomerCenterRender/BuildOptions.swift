import CustomerCenterModel
import Foundation

/// Where a build reads from and writes to, and the side effects it may use (clock, environment).
public struct BuildOptions: Sendable {
    /// The content folder (`content`).
    public var contentPath: String
    /// The templates folder (`Templates`).
    public var templatesPath: String
    /// The output folder (`site`).
    public var outputPath: String
    /// The day statuses are computed for; nil means today in the merchant's time zone.
    public var today: CalendarDate?
    /// Environment variables, for secrets.
    public var environment: [String: String]
    /// What the ledger adds to personal pages (booked money, checkouts, transfers, RF references,
    /// kept GiroCodes); nil when there is no ledger: pages show the content alone. Render knows
    /// nothing of the ledger: the caller wires one in (`LedgerPages`).
    public var ledger: (any PageLedger)?
    /// The clock for the ledger's times (references handed out, checkouts still pending).
    public var now: @Sendable () -> Date = { Date() }
    /// Where the build cache of this output folder lives: the pages written (see `BuildCache`); nil:
    /// every build renders every page.
    public var cachePath: String?
    /// Where the check pass keeps what it learnt of each customer file, for any build of this content
    /// folder (see `BuildCache`); nil: every build reads and parses every file.
    public var checkCachePath: String?
    /// For a local preview: the site and the receiver are both at this URL (`serve --preview`).
    public var previewURL: String?

    /// Options with the CLI's defaults.
    public init(contentPath: String = "content", templatesPath: String = "Templates", outputPath: String = "site",
                today: CalendarDate? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.contentPath = contentPath
        self.templatesPath = templatesPath
        self.outputPath = outputPath
        self.today = today
        self.environment = environment
    }
}
