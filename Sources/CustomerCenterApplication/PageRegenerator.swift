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
        var written: [DirtyPage] = []
        var drawn: [String: StoredGiroCode] = [:]
        for customerID in batch.sorted() {
            guard let codes = regenerate(customerID) else { continue }
            drawn.merge(codes) { $1 }
            if let mark = marks[customerID] { written.append(mark) }
        }
        do { try ledger.clearDirty(written, savingGiroCodes: drawn) } catch {
            logger.error("cannot clear page marks", metadata: ["reason": "\(error)"])
        }
    }

    /// Rewrites `customerID`'s page now, on the caller's thread, and clears its mark (the benchmark
    /// times this path).
    public nonisolated func regenerateNow(_ customerID: String) -> Bool {
        let mark = try? ledger.dirtyPages(customerIDs: [customerID]).first
        guard let drawn = regenerate(customerID) else { return false }
        try? ledger.clearDirty(mark.map { [$0] } ?? [], savingGiroCodes: drawn)
        return true
    }

    /// Writes one page through the build's own pipeline (`PersonalPages`) and returns the GiroCodes
    /// drawn anew for it (kept with the cleared mark); nil when it failed (the mark then stays for
    /// the next attempt).
    private nonisolated func regenerate(_ customerID: String) -> [String: StoredGiroCode]? {
        let started = Date()
        do {
            let file = site.content.customerPath(id: customerID)
            let customer = try CustomerFile.load(path: file, defaults: site.defaults)
            let time = workspace.options.now()
            let seconds = Int(time.timeIntervalSince1970)
            let renderer = site.renderer
            let pages = PersonalPages(renderer: renderer.with(today: renderer.config.today(now: time)),
                                      ledger: LedgerPages(ledger: ledger, config: renderer.config), writer: writer, content: site.content)
            let written = try pages.write([customer], activities: try pages.activities(of: [customerID], now: seconds, file: file),
                                          now: seconds, file: file)
            logger.info("page regenerated", metadata: [
                "customer": "\(customerID)", "duration_ms": "\(Int(Date().timeIntervalSince(started) * 1000))",
            ])
            return written.drawnGiroCodes
        } catch {
            // The mark stays in the ledger: the next start (or the next booking) tries again.
            logger.error("page regeneration failed", metadata: ["customer": "\(customerID)", "reason": "\(error)"])
            return nil
        }
    }
}
