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
actor PageRegenerator {
    private let renderer: SiteRenderer
    private let writer: PageWriter
    private let ledger: Ledger
    private let content: ContentFolder
    private let defaults: ContentDefaults
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let afterWrite: @Sendable () async -> Void

    private var pending: Set<String> = []
    private var worker: Task<Void, Never>?

    init(renderer: SiteRenderer, writer: PageWriter, ledger: Ledger, content: ContentFolder, logger: Logger,
         now: @escaping @Sendable () -> Date, afterWrite: @escaping @Sendable () async -> Void) {
        self.renderer = renderer
        self.writer = writer
        self.ledger = ledger
        self.content = content
        self.defaults = ContentDefaults(renderer.config)
        self.logger = logger
        self.now = now
        self.afterWrite = afterWrite
    }

    /// Asks for `customerID`'s page to be rewritten soon.
    func schedule(_ customerID: String) {
        pending.insert(customerID)
        if worker == nil {
            worker = Task { await self.drain() }
        }
    }

    /// Rewrites every page the ledger still marks (after a crash between commit and write).
    func recoverMarkedPages() async {
        do {
            for page in try ledger.dirtyPages() { pending.insert(page.customerID) }
        } catch {
            logger.error("cannot read page marks", metadata: ["reason": "\(error)"])
        }
        if !pending.isEmpty, worker == nil { worker = Task { await self.drain() } }
        await idle()
    }

    /// Returns when no page is waiting or being written.
    func idle() async {
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
            for customerID in batch.sorted() { regenerate(customerID) }
            await afterWrite()
        }
        worker = nil
    }

    private func regenerate(_ customerID: String) {
        let started = Date()
        do {
            let marks = try ledger.dirtyPages().filter { $0.customerID == customerID }
            let path = content.customerPath(id: customerID)
            let customer = try CustomerFile.load(path: path, defaults: defaults)
            let config = renderer.config
            let recorded = try ledger.recordedPayments(customerID: customerID, dateOf: { config.day(ofUnixTime: $0) })
            let current = renderer.with(today: config.today(now: now()))
            try writer.write(current.renderCustomerPage(customer, recorded: recorded), to: current.pagePath(for: customer))
            for mark in marks { try ledger.clearDirty(mark) }
            logger.info("page regenerated", metadata: [
                "customer": "\(customerID)", "duration_ms": "\(Int(Date().timeIntervalSince(started) * 1000))",
            ])
        } catch {
            // The mark stays in the ledger: the next start (or the next booking) tries again.
            logger.error("page regeneration failed", metadata: ["customer": "\(customerID)", "reason": "\(error)"])
        }
    }
}
