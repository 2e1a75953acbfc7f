import CustomerCenterModel

/// The one pipeline of personal pages: a customer's state beyond the content file (ledger activity,
/// RF references, kept GiroCodes) is gathered, the page rendered and written. The full build (a chunk
/// of customers at a time, on every core) and the regeneration of one customer after a booking call
/// the same two functions, `activities(of:now:)` and `write(_:activities:now:)`, so a regenerated
/// page has exactly the bytes a build would write (`ScaleCorrectnessTests`).
public struct PersonalPages: Sendable {
    /// Renders the pages, as of its `today`.
    public let renderer: SiteRenderer
    /// What the ledger adds; nil renders the content alone.
    public let ledger: (any PageLedger)?
    /// Writes the pages into the output folder.
    public let writer: PageWriter

    /// A pipeline rendering with `renderer` into `writer`, with what `ledger` knows.
    public init(renderer: SiteRenderer, ledger: (any PageLedger)?, writer: PageWriter) {
        self.renderer = renderer
        self.ledger = ledger
        self.writer = writer
    }

    /// What was written: per customer (in the order given) the outcome and the page's path, and the
    /// GiroCodes drawn anew, for the caller to keep.
    public struct Written: Sendable {
        public var pages: [(outcome: PageWriter.Outcome, path: String)]
        public var drawnGiroCodes: [String: StoredGiroCode]
    }

    /// What the ledger knows about `customerIDs` as of Unix time `now` (nothing without a ledger).
    /// `file` names the content in an error.
    public func activities(of customerIDs: [String], now: Int, file: String) throws(RenderError) -> [String: CustomerActivity] {
        guard let ledger, !customerIDs.isEmpty else { return [:] }
        do { return try ledger.activities(customerIDs: customerIDs, now: now) } catch {
            throw RenderError(file: file, reason: "cannot read the ledger: \(error)")
        }
    }

    /// Renders and writes the pages of `customers` with their `activities`: RF references are
    /// handed out for what each page quotes, GiroCodes kept for those references are reused, and
    /// the pages are rendered and written on every core when there is more than one.
    public func write(_ customers: [Customer], activities: [String: CustomerActivity], now: Int,
                      file: String) throws(RenderError) -> Written {
        var activities = activities
        if let ledger {
            var purposes: [String: [TransferPurpose]] = [:]
            for customer in customers {
                purposes[customer.id] = renderer.transferPurposes(customer, activity: activities[customer.id] ?? .none)
            }
            do {
                for (customerID, found) in try ledger.references(for: purposes, at: now) {
                    activities[customerID, default: .none].references = found
                }
            } catch {
                throw RenderError(file: file, reason: "cannot read the ledger: \(error)")
            }
        }
        // A failure to read kept GiroCodes costs only speed: every code is drawn again.
        var giroCodes: GiroCodeCache?
        if let ledger {
            let references = customers.flatMap { renderer.giroCodeReferences(activity: activities[$0.id] ?? .none) }
            giroCodes = GiroCodeCache(kept: references.isEmpty ? [:] : (try? ledger.keptGiroCodes(references: references)) ?? [:])
        }
        let current = renderer.with(giroCodes: giroCodes)
        let writer = self.writer
        let render = { @Sendable [activities] (customer: Customer) -> Result<(PageWriter.Outcome, String), RenderError> in
            let path = current.pagePath(for: customer)
            do throws(RenderError) {
                return .success((try writer.write(current.renderCustomerPage(customer, activity: activities[customer.id] ?? .none), to: path),
                                 path))
            } catch {
                return .failure(error)
            }
        }
        let results = customers.count == 1 ? [render(customers[0])] : ParallelMap.map(customers.count) { render(customers[$0]) }
        var pages: [(outcome: PageWriter.Outcome, path: String)] = []
        pages.reserveCapacity(results.count)
        for result in results {
            let (outcome, path) = try result.get()
            pages.append((outcome, path))
        }
        return Written(pages: pages, drawnGiroCodes: giroCodes?.drawn ?? [:])
    }
}
