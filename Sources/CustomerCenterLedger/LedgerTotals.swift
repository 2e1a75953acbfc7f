/// What two copies of a ledger must agree on after `ledger migrate`: the rows of every table, and per
/// account the count and sum of its money (payments and refunds by status, allocations, transfers).
/// Computed by each engine with its own SQL.
public struct LedgerTotals: Sendable, Equatable {
    /// Rows per table.
    public var rows: [String: Int]
    /// Per account and kind of money (`payment <account> <currency> <kind> <status>`,
    /// `allocation <account>`, `transfer <account> <currency> <status>`): the count and the sum in minor units.
    public var money: [String: [Int]]

    public init(rows: [String: Int] = [:], money: [String: [Int]] = [:]) {
        self.rows = rows
        self.money = money
    }

    /// The accounts named in `money`.
    public var accounts: Set<String> {
        Set(money.keys.compactMap { key in key.split(separator: " ", omittingEmptySubsequences: false).dropFirst().first.map(String.init) })
    }

    /// The SQL both engines run for `money`: each returns a key and two 64-bit integers per row
    /// (`CAST … AS BIGINT`: PostgreSQL's `SUM` of a bigint is a numeric). Written once, in SQL both
    /// dialects read the same.
    public static let moneyQueries = [
        """
        SELECT 'payment ' || COALESCE(accountID, '-') || ' ' || currency || ' ' || kind || ' ' || status,
               CAST(COUNT(*) AS BIGINT), CAST(SUM(amountMinor) AS BIGINT) FROM payment GROUP BY accountID, currency, kind, status
        """,
        """
        SELECT 'allocation ' || COALESCE(payment.accountID, '-'), CAST(COUNT(*) AS BIGINT), CAST(SUM(allocation.amountMinor) AS BIGINT)
        FROM allocation JOIN payment ON payment.id = allocation.paymentRowID GROUP BY payment.accountID
        """,
        """
        SELECT 'transfer ' || accountID || ' ' || currency || ' ' || status, CAST(COUNT(*) AS BIGINT),
               CAST(SUM(COALESCE(receivedMinor, expectedMinor, 0)) AS BIGINT) FROM transfer GROUP BY accountID, currency, status
        """,
    ]

    /// The first difference from `other`, in words; nil when they agree.
    public func difference(from other: LedgerTotals) -> String? {
        for table in Set(rows.keys).union(other.rows.keys).sorted() where rows[table] != other.rows[table] {
            return "table \(table): \(rows[table] ?? 0) rows in the source, \(other.rows[table] ?? 0) in the copy"
        }
        for key in Set(money.keys).union(other.money.keys).sorted() where money[key] != other.money[key] {
            func text(_ pair: [Int]?) -> String { pair.map { "\($0.first ?? 0) rows summing to \($0.last ?? 0)" } ?? "nothing" }
            return "\(key): \(text(money[key])) in the source, \(text(other.money[key])) in the copy"
        }
        return nil
    }
}
