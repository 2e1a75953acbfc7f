import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterRender
import Foundation
import Logging

/// Rewrites the pages of customers whose money changed, after the booking is committed.
///
/// Requests are coalesced: a burst of callbacks for one customer rewrites the page once. The page is
/// written atomically by the same renderer and writer as a full build, so it has the same bytes a
/// `build` would produce. The ledger's page mark is cleared only after the write, so a crash in
/// between is repaired by `recoverMarkedPages()` at the next start.
public actor PageRegenerator {
    private let workspace: Workspace
    private let site: SiteBuilder.Site
    private let writer: PageWriter
    private let ledger: any LedgerStore
    private let logger: Logger
    private let afterWrite: @Sendable () async -> Void
    /// The thread pages are rendered on, below the priority of request handling: under load,
    /// callbacks are acknowledged first and pages catch up (coalesced) in the time left.
    private let renderThread = BackgroundThread(name: "customer-center.regenerate")

    private var pending: Set<String> = []
    private var worker: Task<Void, Never>?

    /// Regeneration in the workspace's output folder; `afterWrite` runs after each batch of pages
    /// (the publish command).
    public init(workspace: Workspace, afterWrite: @escaping @Sendable () async -> Void = {}) throws(WorkspaceError) {
        self.workspace = workspace
        site = try workspace.site()
        writer = try workspace.writer()
        ledger = try workspace.ledger()
        logger = workspace.logger
        self.afterWrite = afterWrite
    }

    /// Asks for `customerID`'s page to be rewritten soon.
    public func schedule(_ customerID: String) {
        pending.insert(customerID)
        if worker == nil {
            worker = Task { await self.drain() }
        }
    }

    /// Rewrites every page the ledger still marks (after a crash between commit and write).
    public func recoverMarkedPages() async {
        do {
            for page in try ledger.dirtyPages() { pending.insert(page.customerID) }
        } catch {
            logger.error("cannot read page marks", metadata: ["reason": "\(error)"])
        }
        if !pending.isEmpty, worker == nil { worker = Task { await self.drain() } }
        await idle()
    }

    /// Returns when no page is waiting or being written.
    public func idle() async {
        while let worker {
            await worker.value
        }
    }

    private func drain() async {
        // Yield once so that callbacks arriving together are written together.
        await Task.yield()
        while !pending.isEmpty {
            let batch = pending
            pending.removeAll()
            // Rendering runs off the actor, so `schedule` never waits for a batch to render.
            await renderOnWorkerThread(batch)
            await afterWrite()
        }
        worker = nil
    }

    private nonisolated func renderOnWorkerThread(_ batch: Set<String>) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            renderThread.run {
                self.render(batch)
                done.resume()
            }
        }
    }

    /// Writes `batch`'s pages and clears the marks of those written.
    private nonisolated func render(_ batch: Set<String>) {
        // Marks are read before the pages are rendered: a booking after this read marks again,
        // and its newer mark survives the clear below.
        let marks: [String: DirtyPage]
        do {
            marks = Dictionary(try ledger.dirtyPages(customerIDs: Array(batch)).map { ($0.customerID, $0) }, uniquingKeysWith: { $1 })
        } catch {
            logger.error("cannot read page marks", metadata: ["reason": "\(error)"])
            marks = [:]
        }
        let ids = batch.sorted()
        for start in stride(from: 0, to: ids.count, by: Self.chunkSize) {
            let (done, drawn) = regenerate(Array(ids[start..<min(start + Self.chunkSize, ids.count)]))
            do { try ledger.clearDirty(done.compactMap { marks[$0] }, savingGiroCodes: drawn) } catch {
                logger.error("cannot clear page marks", metadata: ["reason": "\(error)"])
            }
        }
        // The spares stay for the next batch (`releaseSpares`): a batch that creates a file right after
        // the last one freed one made ext4 search for an inode, a fifth of a regeneration.
    }

    /// Removes the writer's spares (`PageWriter.releaseSpares`), when the receiver or command stops.
    /// (A killed process leaves its few in the staging folder; the next build or `serve` removes them.)
    public nonisolated func releaseSpares() {
        writer.releaseSpares()
    }

    /// Customers whose pages are written together: one read of the ledger for all of them (under load
    /// a batch holds every customer booked to while the previous one rendered), bounded memory.
    static let chunkSize = 256

    /// Rewrites `customerID`'s page now, on the caller's thread, and clears its mark (the benchmark
    /// times this path).
    public nonisolated func regenerateNow(_ customerID: String) -> Bool {
        let mark = try? ledger.dirtyPages(customerIDs: [customerID]).first
        let (done, drawn) = regenerate([customerID])
        guard !done.isEmpty else { return false }
        try? ledger.clearDirty(mark.map { [$0] } ?? [], savingGiroCodes: drawn)
        return true
    }

    /// Writes the pages of `customerIDs` through the build's own pipeline (`PersonalPages`), with one
    /// read of the ledger for all, one after the other on this thread (not on every core: pages catch
    /// up in the time callbacks leave). Returns the customers written and the GiroCodes drawn anew
    /// (kept with the cleared marks); a customer that failed keeps its mark for the next attempt.
    private nonisolated func regenerate(_ customerIDs: [String]) -> (written: [String], drawn: [String: StoredGiroCode]) {
        let started = Date()
        var customers: [Customer] = []
        for customerID in customerIDs {
            // Through the workspace's parsed files: the booking that marked the page has just read this one.
            do { customers.append(try workspace.customers.load(path: site.content.customerPath(id: customerID), defaults: site.defaults)) } catch {
                // The mark stays in the ledger: the next start (or the next booking) tries again.
                logger.error("page regeneration failed", metadata: ["customer": "\(customerID)", "reason": "\(error)"])
            }
        }
        return write(customers, started: started)
    }

    /// `regenerate` for the customers whose files loaded.
    private nonisolated func write(_ customers: [Customer], started: Date) -> (written: [String], drawn: [String: StoredGiroCode]) {
        guard !customers.isEmpty else { return ([], [:]) }
        let file = site.content.customerPath(id: customers[0].id)
        let time = workspace.options.now()
        let seconds = Int(time.timeIntervalSince1970)
        let renderer = site.renderer
        let pages = PersonalPages(renderer: renderer.with(today: renderer.config.today(now: time)),
                                  ledger: LedgerPages(ledger: ledger, config: renderer.config), writer: writer, content: site.content)
        do {
            let written = try pages.write(customers, activities: try pages.activities(of: customers.map(\.id), now: seconds, file: file),
                                          now: seconds, file: file, onEveryCore: false)
            let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
            for customer in customers {
                var metadata: Logger.Metadata = ["customer": "\(customer.id)", "duration_ms": "\(milliseconds)"]
                // Written together: the duration is the batch's.
                if customers.count > 1 { metadata["batch"] = "\(customers.count)" }
                logger.info("page regenerated", metadata: metadata)
            }
            return (customers.map(\.id), written.drawnGiroCodes)
        } catch {
            guard customers.count > 1 else {
                logger.error("page regeneration failed", metadata: ["customer": "\(customers[0].id)", "reason": "\(error)"])
                return ([], [:])
            }
            // One customer's failure must not hold back the others: each on its own, naming who failed.
            var done: [String] = []
            var drawn: [String: StoredGiroCode] = [:]
            for customer in customers {
                let (one, codes) = write([customer], started: Date())
                done += one
                drawn.merge(codes) { $1 }
            }
            return (done, drawn)
        }
    }
}
