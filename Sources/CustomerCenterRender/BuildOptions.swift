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
    /// What the ledger knows about a batch of customers (booked money, checkouts, transfers), by
    /// customer id; nil when there is no ledger. (Render knows nothing of the ledger: the caller
    /// passes its reader in.) Batches, because one read per page would dominate a full build.
    public var activity: (@Sendable ([String]) throws -> [String: CustomerActivity])?
    /// Hands out RF references for bank transfers (purposes by customer id), from the ledger; nil:
    /// pages quote invoice numbers instead.
    public var references: (@Sendable ([String: [TransferPurpose]]) throws -> [String: [TransferPurpose: CreditorReference]])?
    /// GiroCodes kept from earlier builds, by printed RF reference, and where to keep new ones; nil:
    /// every code is encoded (see `GiroCodeCache`).
    public var storedGiroCodes: (@Sendable ([String]) throws -> [String: StoredGiroCode])?
    public var saveGiroCodes: (@Sendable ([String: StoredGiroCode]) throws -> Void)?
    /// Where the build cache lives (see `BuildCache`); nil: every build renders every page.
    public var cachePath: String?
    /// For a local preview: the site and the receiver are both at this URL (`serve --preview`).
    public var previewURL: String?

    /// Options with the CLI's defaults.
    public init(contentPath: String = "content", templatesPath: String = "Templates", outputPath: String = "site",
                today: CalendarDate? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                activity: (@Sendable ([String]) throws -> [String: CustomerActivity])? = nil) {
        self.contentPath = contentPath
        self.templatesPath = templatesPath
        self.outputPath = outputPath
        self.today = today
        self.environment = environment
        self.activity = activity
    }
}
