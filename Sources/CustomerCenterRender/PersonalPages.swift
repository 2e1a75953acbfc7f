import CustomerCenterContent
import CustomerCenterModel

/// The one pipeline of personal pages: a customer's state beyond the content file (ledger activity,
/// RF references, kept GiroCodes) is gathered, the page rendered and written, with the files beside
/// it in the customer's secret folder: the statement of account (page and CSV) and the invoice
/// documents (copied from the content folder). The full build (a chunk
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
    /// Where the invoice documents are read from.
    public let content: ContentFolder

    /// A pipeline rendering with `renderer` into `writer`, with what `ledger` knows, copying invoice
    /// documents from `content`.
    public init(renderer: SiteRenderer, ledger: (any PageLedger)?, writer: PageWriter, content: ContentFolder) {
        self.renderer = renderer
        self.ledger = ledger
        self.writer = writer
        self.content = content
    }

    /// One file written for a customer: the outcome and its path in the output folder.
    public typealias File = (outcome: PageWriter.Outcome, path: String)

    /// What was written: per customer (in the order given) every file with its outcome, the page
    /// first, and the GiroCodes drawn anew, for the caller to keep.
    public struct Written: Sendable {
        public var pages: [[File]]
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
    /// the pages are rendered and written on every core when there is more than one (unless
    /// `onEveryCore` is false: a receiver regenerates below the priority of its requests).
    public func write(_ customers: [Customer], activities: [String: CustomerActivity], now: Int,
                      file: String, onEveryCore: Bool = true) throws(RenderError) -> Written {
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
        let (writer, content) = (self.writer, self.content)
        let render = { @Sendable [activities] (customer: Customer) -> Result<[File], RenderError> in
            let activity = activities[customer.id] ?? .none
            do throws(RenderError) {
                var files: [File] = []
                func write(_ bytes: [UInt8], _ path: String) throws(RenderError) { files.append((try writer.write(bytes, to: path), path)) }
                let page = current.pagePath(for: customer)
                try write(current.renderCustomerPageBytes(customer, activity: activity), page)
                let statement = current.renderStatementBytes(customer, activity: activity)
                try write(statement.page, current.statementPagePath(for: customer))
                try write(statement.csv, current.statementCSVPath(for: customer))
                for invoice in customer.accounts.flatMap(\.invoices) {
                    guard let document = invoice.document else { continue }
                    let bytes: [UInt8]
                    do {
                        bytes = try InvoiceDocument.locate(document, contentFolder: content.path).get().bytes(contentFolder: content.path)
                    } catch {
                        // Checked by the build's check pass; it changed since (or a regeneration reads it).
                        throw RenderError(file: content.customerPath(id: customer.id), reason: "invoice \(invoice.number): \(error)")
                    }
                    try write(bytes, current.documentPath(for: customer, invoice: invoice))
                }
                return .success(files)
            } catch {
                return .failure(error)
            }
        }
        let results = customers.count == 1 || !onEveryCore ? customers.map(render) : ParallelMap.map(customers.count) { render(customers[$0]) }
        var pages: [[File]] = []
        pages.reserveCapacity(results.count)
        for result in results { pages.append(try result.get()) }
        return Written(pages: pages, drawnGiroCodes: giroCodes?.drawn ?? [:])
    }
}
