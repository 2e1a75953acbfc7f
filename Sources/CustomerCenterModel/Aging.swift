/// Open amounts by how long they have been overdue on a day: not yet due, 1-30, 31-60, 61-90 and
/// over 90 days past the due date. An invoice is overdue from the day after its due date, as its
/// status says (`InvoiceStatus`), so an invoice due today is not yet due.
public struct Aging: Hashable, Sendable {
    /// One age band.
    public enum Bucket: Int, CaseIterable, Hashable, Sendable {
        case notDue, days1to30, days31to60, days61to90, over90

        /// The band of an amount `daysOverdue` days past its due date (0 or less: not yet due).
        public init(daysOverdue: Int) {
            switch daysOverdue {
            case ...0: self = .notDue
            case 1...30: self = .days1to30
            case 31...60: self = .days31to60
            case 61...90: self = .days61to90
            default: self = .over90
            }
        }

        /// A stable name for texts and columns: `not-due`, `1-30`, `31-60`, `61-90`, `over-90`.
        public var key: String {
            switch self {
            case .notDue: "not-due"
            case .days1to30: "1-30"
            case .days31to60: "31-60"
            case .days61to90: "61-90"
            case .over90: "over-90"
            }
        }
    }

    /// The currency of every amount.
    public let currency: Currency
    /// Minor units per bucket, indexed by `Bucket.rawValue`.
    private var minorUnits: [Int]

    /// Nothing open, in `currency`.
    public init(currency: Currency) {
        self.currency = currency
        minorUnits = [Int](repeating: 0, count: Bucket.allCases.count)
    }

    /// The open invoices of `statement` by age on its day. Sums stay within an account's bound
    /// (`Account.maximumTotalMinorUnits`), so they cannot overflow.
    public init(statement: AccountStatement) {
        self.init(currency: statement.account.currency)
        for line in statement.openInvoices {
            minorUnits[Bucket(daysOverdue: line.daysOverdue).rawValue] += line.open.minorUnits
        }
    }

    /// What is open in `bucket`.
    public subscript(bucket: Bucket) -> Money {
        Money(minorUnits: minorUnits[bucket.rawValue], currency: currency)
    }

    /// Everything open.
    public var total: Money {
        Money(minorUnits: minorUnits.reduce(0, +), currency: currency)
    }

    /// Whether anything is open.
    public var isEmpty: Bool { minorUnits.allSatisfy { $0 == 0 } }

    /// This and `other` (same currency) added up; nil when the currencies differ or a sum would
    /// overflow (many customers' totals are added, so this is checked rather than trusted).
    public func adding(_ other: Aging) -> Aging? {
        guard other.currency == currency else { return nil }
        var result = self
        for index in minorUnits.indices {
            let (sum, overflow) = minorUnits[index].addingReportingOverflow(other.minorUnits[index])
            guard !overflow else { return nil }
            result.minorUnits[index] = sum
        }
        // The total must fit too.
        var total = 0
        for value in result.minorUnits {
            let (sum, overflow) = total.addingReportingOverflow(value)
            guard !overflow else { return nil }
            total = sum
        }
        return result
    }
}
