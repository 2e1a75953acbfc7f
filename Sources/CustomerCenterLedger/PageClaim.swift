/// What `LedgerStore.claimPages` gave one process: the page marks it now holds, and the customers
/// whose pages another process holds.
///
/// Several processes regenerate pages from one ledger (receivers behind a load balancer, or `serve`
/// beside an `approve`). Two writing one page at once could leave the older rendering in place: each
/// renders the ledger as it read it, and the later rename wins. A claim makes one process at a time
/// the writer of a page, until it clears the mark or its lease runs out (or, on this host, its
/// process ends).
public struct PageClaim: Sendable, Equatable {
    /// The marks claimed: the pages to write now, and what to clear once they are written.
    public var marks: [DirtyPage]
    /// Customers whose page another running process holds (or a booking is marking at this moment):
    /// that process writes it; a newer mark it leaves behind is claimed by asking again.
    public var heldElsewhere: [String]

    public init(marks: [DirtyPage] = [], heldElsewhere: [String] = []) {
        self.marks = marks
        self.heldElsewhere = heldElsewhere
    }
}

extension PageClaim {
    /// Whether `claimer` may take a mark claimed by `claimedBy` until `claimedUntil`: unclaimed, its
    /// own, a lease that ran out, or a claimer that ended. The rule of both engines.
    public static func canTake(claimedBy: String?, claimedUntil: Int?, claimer: String, now: Int,
                               hasEnded: (String) -> Bool) -> Bool {
        guard let claimedBy, claimedBy != claimer else { return true }
        if let claimedUntil, claimedUntil <= now { return true }
        return hasEnded(claimedBy)
    }

    /// `now + lease`, saturating (both come from this process, but the sum must not trap).
    public static func leaseEnd(now: Int, lease: Int) -> Int {
        let sum = now.addingReportingOverflow(max(lease, 0))
        return sum.overflow ? Int.max : sum.partialValue
    }
}
