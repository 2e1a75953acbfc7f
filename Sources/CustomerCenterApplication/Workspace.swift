import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterRender
import CustomerCenterSigning
import Foundation
import Logging
import Synchronization

/// The merchant's folders and the side effects a task may use, opened lazily: a task opens only what
/// it needs. Approving one transfer reads the configuration, the site's own secrets, the templates,
/// the ledger and one customer file; it never runs the check pass over every customer, and never
/// asks for a provider's secrets or API key (those are the receiver's, `secret(_:)`).
///
/// Each part is opened once and kept for the workspace's lifetime (one ledger connection pool per
/// process); opening is thread-safe.
public final class Workspace: Sendable {
    /// Where things are, and the clock.
    public let options: WorkspaceOptions
    /// Where the tasks log.
    public let logger: Logger

    private struct Opened {
        var site: SiteBuilder.Site?
        var secrets: SecretSource?
        var ledger: (any LedgerStore)?
        var writer: PageWriter?
    }
    private let opened = Mutex(Opened())
    // Parsed customer files, reused while a file is unchanged (a receiver sees the same customers again).
    let customers = CustomerFileCache()

    /// A workspace over `options`, opening nothing yet.
    public init(options: WorkspaceOptions, logger: Logger = Logger(label: "customer-center")) {
        self.options = options
        self.logger = logger
    }

    /// Unix seconds now, by the workspace's clock.
    public var nowSeconds: Int { Int(options.now().timeIntervalSince1970) }

    /// The configuration, the site's secrets (link and pay-link secret), templates and Markdown pages:
    /// everything a page needs except customers. Loaded once.
    public func site() throws(WorkspaceError) -> SiteBuilder.Site {
        if let site = opened.withLock({ $0.site }) { return site }
        var build = BuildOptions(contentPath: options.contentPath, templatesPath: options.templatesPath,
                                 outputPath: options.outputPath, environment: options.environment)
        build.previewURL = options.previewURL
        let site: SiteBuilder.Site
        do { site = try SiteBuilder(options: build).loadSite() } catch {
            throw WorkspaceError(error.step.title, problems: error.problems)
        }
        opened.withLock { $0.site = $0.site ?? site }
        return site
    }

    /// The configuration (with the preview URL in place of the public ones for `serve --preview`).
    public func config() throws(WorkspaceError) -> SiteConfig { try site().renderer.config }

    /// The renderer as of the merchant's today (a long-running receiver crosses midnight).
    public func renderer() throws(WorkspaceError) -> SiteRenderer {
        let site = try site()
        return site.renderer.with(today: site.renderer.config.today(now: options.now()))
    }

    /// The customer in `id`'s content file (parsed once while the file is unchanged).
    public func customer(_ id: String) throws(WorkspaceError) -> Customer {
        let site = try site()
        let path = site.content.customerPath(id: id)
        guard CustomerFile.isValidID(id), FileManager.default.fileExists(atPath: path) else {
            throw WorkspaceError.unknownCustomer(id, path: path)
        }
        do { return try customers.load(path: path, defaults: site.defaults) } catch {
            throw WorkspaceError("read customer \(id)", problems: error.problems.map(\.description))
        }
    }

    /// Every customer file, after the build's check pass over all of them (each file parsed and
    /// checked, ids unique across files): a task over every customer (`send-links --all`, `remind`)
    /// starts only on content that builds. Throws with every problem found.
    public func checkedCustomerFiles() throws(WorkspaceError) -> [String] {
        var build = BuildOptions(contentPath: options.contentPath, templatesPath: options.templatesPath,
                                 outputPath: options.outputPath, environment: options.environment)
        build.previewURL = options.previewURL
        do { return try SiteBuilder(options: build).load().customerFiles } catch {
            throw WorkspaceError(error.step.title, problems: error.problems)
        }
    }

    /// The customer in `id`'s content file, or nil when there is no such file (a customer who left);
    /// a file that exists but does not load is an error.
    public func customerIfPresent(_ id: String) throws(WorkspaceError) -> Customer? {
        let site = try site()
        guard CustomerFile.isValidID(id), FileManager.default.fileExists(atPath: site.content.customerPath(id: id)) else { return nil }
        return try customer(id)
    }

    /// Where the secrets come from (environment variables or the secrets file), read once.
    public func secrets() throws(WorkspaceError) -> SecretSource {
        if let secrets = opened.withLock({ $0.secrets }) { return secrets }
        let config = try config()
        let secrets: SecretSource
        do { secrets = try SecretSource(config: config, contentFolder: options.contentPath, environment: options.environment) } catch {
            throw WorkspaceError("load secrets", problems: [error.description])
        }
        opened.withLock { $0.secrets = $0.secrets ?? secrets }
        return secrets
    }

    /// The secret list `name` (a provider's signing secrets); only the tasks that need it ask.
    public func secretValues(_ name: String) throws(WorkspaceError) -> [String] {
        let secrets = try secrets()
        do { return try secrets.values(name) } catch { throw WorkspaceError("load secrets", problems: [error.description]) }
    }

    /// One secret value (a provider's API key); only the tasks that need it ask.
    public func secret(_ name: String) throws(WorkspaceError) -> String {
        let secrets = try secrets()
        do { return try secrets.value(name) } catch { throw WorkspaceError("load secrets", problems: [error.description]) }
    }

    /// The ledger, opened (and migrated) once for the workspace's lifetime: the engine the
    /// configuration or `CUSTOMER_CENTER_LEDGER_URL` names (`LedgerEngine`).
    public func ledger() throws(WorkspaceError) -> any LedgerStore {
        if let ledger = opened.withLock({ $0.ledger }) { return ledger }
        let config = try config()
        // Under the lock: two pools on one file in one process must never exist.
        return try opened.withLock { opened throws(WorkspaceError) -> any LedgerStore in
            if let ledger = opened.ledger { return ledger }
            let ledger = try LedgerEngine.open(config: config, environment: options.environment, secrets: {
                () throws(WorkspaceError) -> SecretSource in
                // Not `secrets()`: it takes this lock.
                do { return try SecretSource(config: config, contentFolder: options.contentPath, environment: options.environment) } catch {
                    throw WorkspaceError("load secrets", problems: ["\(error)"])
                }
            }, logger: logger)
            opened.ledger = ledger
            return ledger
        }
    }

    /// The output folder's writer.
    public func writer() throws(WorkspaceError) -> PageWriter {
        if let writer = opened.withLock({ $0.writer }) { return writer }
        let writer: PageWriter
        do { writer = try PageWriter(root: options.outputPath) } catch {
            throw WorkspaceError("open the output folder", problems: [error.description])
        }
        opened.withLock { $0.writer = $0.writer ?? writer }
        return writer
    }

    /// The merchant's calendar day of Unix time `seconds`.
    public func day(ofUnixTime seconds: Int) throws(WorkspaceError) -> CalendarDate {
        try config().day(ofUnixTime: seconds)
    }
}
