import CustomerCenterModel

/// What a personal page needs from the ledger, and nothing more: Render knows no ledger engine. The
/// application wires a ledger in (`LedgerPages`); a build without one renders the content alone.
///
/// Every call takes a batch: one read per chunk of a build, not one per page.
public protocol PageLedger: Sendable {
    /// What the ledger adds to each customer's page (booked money, checkouts, transfers), by id, as of
    /// Unix time `now`; customers the ledger knows nothing about may be absent.
    func activities(customerIDs: [String], now: Int) throws -> [String: CustomerActivity]

    /// The RF reference of every purpose, by customer id, handed out (and kept) on first use at `time`.
    func references(for purposes: [String: [TransferPurpose]], at time: Int) throws -> [String: [TransferPurpose: CreditorReference]]

    /// GiroCodes kept from earlier renders, by printed RF reference.
    func keptGiroCodes(references: [String]) throws -> [String: StoredGiroCode]

    /// Keeps codes drawn anew, for the next render (a cache: losing them costs only time).
    func keepGiroCodes(_ codes: [String: StoredGiroCode]) throws
}
