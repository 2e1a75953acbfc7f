import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterProcess
import CustomerCenterRender
import Foundation
import Logging

/// Rewrites the pages of customers whose money changed, after the booking is committed.
///
/// Requests are coalesced: a burst of callbacks for one customer rewrites the page once. The page is
/// written atomically by the same renderer and writer as a full build, so it has the same bytes a
/// `build` would produce. The ledger's page mark is cleared only after the write, so a crash in
/// between is repaired by `recoverMarkedPages()` at the next start (of this or any other instance).
///
/// Several processes may regenerate from one ledger (receivers on PostgreSQL, or `serve` beside a
/// command). Each page is written by one of them at a time: a batch first claims its pages in the
/// ledger (`LedgerStore.claimPages`); a page another process holds is asked for again shortly, and
/// the holder's claim ends when it clears the mark, when its lease (`claimLease`) runs out, or at once
/// when its process on this host is gone.
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
    /// This process as a claimer of pages (`ProcessIdentity`, as the mail queue's claims).
    private let claimer = ProcessIdentity.current().description

    /// Pages asked for (a booking, a checkout, a new link): written whether or not the ledger marks them.
    private var pending: Set<String> = []
    /// Pages to write only if the ledger still marks them (recovery, the maintenance sweep).
    private var marked: Set<String> = []
    /// Pages another process held, with when they were first found held and whether they were asked for.
    private var held: [String: (since: ContinuousClock.Instant, asked: Bool)] = [:]
    private var worker: Task<Void, Never>?

    /// How long a claimed page is this process's to write: far longer than a batch takes (a chunk of
    /// 256 pages renders in well under a second); after it, another instance takes the page over.
    public static let claimLease = 60
    /// How soon a page another process held is asked for again.
    static let heldRetry: Duration = .milliseconds(250)

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
        startWorker()
    }

    /// Rewrites every page the ledger still marks (after a crash between commit and write, of this
    /// process or another), and returns when they are written.
    public func recoverMarkedPages() async {
        adoptMarkedPages()
        await idle()
    }

    /// Takes up every page the ledger marks that no running process holds: at start, and from the
    /// maintenance round, so that the pages of an instance that died on another machine are written
    /// once its claims' lease is over.
    public func adoptMarkedPages() {
        do {
            for page in try ledger.dirtyPages() where !pending.contains(page.customerID) { marked.insert(page.customerID) }
        } catch {
            logger.error("cannot read page marks", metadata: ["reason": "\(error)"])
        }
        startWorker()
    }

    /// Returns when no page is waiting or being written (pages another process holds included).
    public func idle() async {
        while let worker {
            await worker.value
        }
    }

    private func startWorker() {
        if worker == nil, !pending.isEmpty || !marked.isEmpty || !held.isEmpty {
            worker = Task { await self.drain() }
        }
    }

    private func drain() async {
        // Yield once so that callbacks arriving together are written together.
        await Task.yield()
        while !pending.isEmpty || !marked.isEmpty || !held.isEmpty {
            if pending.isEmpty && marked.isEmpty {
                // Only pages held elsewhere are left: ask again after a moment.
                try? await Task.sleep(for: Self.heldRetry)
                requeueHeld()
                continue
            }
            let asked = pending
            let ifMarked = marked.subtracting(asked)
            pending.removeAll()
            marked.removeAll()
            // Rendering runs off the actor, so `schedule` never waits for a batch to render.
            let elsewhere = Set(await renderOnWorkerThread(asked: asked, ifMarked: ifMarked))
            let now = ContinuousClock.now
            for customerID in asked.union(ifMarked) where !elsewhere.contains(customerID) { held[customerID] = nil }
            for customerID in elsewhere where held[customerID] == nil { held[customerID] = (now, asked.contains(customerID)) }
            await afterWrite()
        }
        worker = nil
    }

    /// Moves the pages found held back into the queues (each keeps when it was first found held),
    /// giving up on those held longer than a lease: their holder is on another host that still
    /// renews nothing; the maintenance round adopts them once the lease has run out.
    private func requeueHeld() {
        let now = ContinuousClock.now
        for (customerID, entry) in held {
            if now - entry.since > .seconds(Self.claimLease + 5) {
                held[customerID] = nil
                logger.notice("page held by another process; left to the maintenance round", metadata: ["customer": "\(customerID)"])
            } else if entry.asked {
                pending.insert(customerID)
            } else {
                marked.insert(customerID)
            }
        }
    }

    private nonisolated func renderOnWorkerThread(asked: Set<String>, ifMarked: Set<String>) async -> [String] {
        await withCheckedContinuation { (done: CheckedContinuation<[String], Never>) in
            renderThread.run {
                done.resume(returning: self.render(asked: asked, ifMarked: ifMarked))
            }
        }
    }

    /// Claims, writes and clears the pages of `asked` (marked or not) and of `ifMarked` (if marked),
    /// chunk by chunk; returns the customers whose pages another process holds.
    private nonisolated func render(asked: Set<String>, ifMarked: Set<String>) -> [String] {
        var elsewhere: [String] = []
        for (ids, creatingMarks) in [(asked.sorted(), true), (ifMarked.sorted(), false)] {
            for start in stride(from: 0, to: ids.count, by: Self.chunkSize) {
                let chunk = Array(ids[start..<min(start + Self.chunkSize, ids.count)])
                // Claimed before rendering: a booking after this marks again, and its newer mark survives the clear below.
                let claim: PageClaim
                do {
                    claim = try ledger.claimPages(chunk, creatingMarks: creatingMarks, claimer: claimer, lease: Self.claimLease,
                                                  now: Int(Date().timeIntervalSince1970),
                                                  hasEnded: { ProcessIdentity(parsing: $0)?.hasEnded ?? false })
                } catch {
                    // Without the ledger no page can be rendered right; the marks stay for the next start or booking.
                    logger.error("cannot claim pages", metadata: ["reason": "\(error)"])
                    continue
                }
                elsewhere += claim.heldElsewhere
                guard !claim.marks.isEmpty else { continue }
                let marks = Dictionary(claim.marks.map { ($0.customerID, $0) }, uniquingKeysWith: { $1 })
                let (done, drawn) = regenerate(claim.marks.map(\.customerID).sorted())
                // A page that failed keeps its mark but not the claim (a mark time nothing is older than
                // clears nothing): another process, or the next booking here, tries again at once.
                let written = Set(done)
                let failed = claim.marks.filter { !written.contains($0.customerID) }.map { DirtyPage(customerID: $0.customerID, markedAt: Int.min) }
                do { try ledger.clearDirty(done.compactMap { marks[$0] } + failed, savingGiroCodes: drawn, releasing: claimer) } catch {
                    logger.error("cannot clear page marks", metadata: ["reason": "\(error)"])
                }
            }
        }
        // The spares stay for the next batch (`releaseSpares`): a batch that creates a file right after
        // the last one freed one made ext4 search for an inode, a fifth of a regeneration.
        return elsewhere
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
