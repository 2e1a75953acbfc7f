/// What an account stands at on a given day: the result of allocating its payments to its invoices.
///
/// Allocation rules (docs/content-format.md, "How payments are applied"):
/// payments are applied in date order; a payment that names an invoice settles that invoice first (a
/// payment of invoices the customer ticked settles those first, oldest due first), then the account's
/// other open invoices, oldest due date first (ties by issue date, then number);
/// whatever is left becomes credit on the account. The account's invoices are all those in the
/// content, so credit from an overpayment is offset against invoices issued later, as merchants do.
public struct AccountStatement: Hashable, Sendable {
    /// Where one invoice stands.
    public struct InvoiceLine: Hashable, Sendable {
        /// The invoice.
        public var invoice: Invoice
        /// How much of it has been paid.
        public var paid: Money
        /// How much is still open (`amount - paid`).
        public var open: Money
        /// Its status on the statement's day.
        public var status: InvoiceStatus
        /// Days past the due date, when overdue; 0 otherwise.
        public var daysOverdue: Int
    }

    /// Where part of one payment went: to an invoice, or (no invoice) to credit.
    public struct Allocation: Hashable, Sendable {
        /// The invoice settled, or nil for credit.
        public var invoiceNumber: String?
        /// How much went there.
        public var amount: Money
    }

    /// The account.
    public var account: Account
    /// How each payment was applied, by its index in `account.payments`. A refund reverses its
    /// payment's allocation: only what is left after it (`effectiveAmount`) is allocated, so what the
    /// refunded part had settled is open again.
    public var allocations: [Int: [Allocation]]
    /// The day the statement is for: it decides what is overdue.
    public var asOf: CalendarDate
    /// Every invoice with its paid and open amounts, oldest due date first.
    public var invoices: [InvoiceLine]
    /// Sum of the open amounts of all invoices.
    public var totalOpen: Money
    /// Money paid beyond all invoices (overpayment), kept as credit.
    public var credit: Money
    /// For prepaid accounts: the sum of credits and charges.
    public var prepaidBalance: Money

    /// Invoices with something still open.
    public var openInvoices: [InvoiceLine] { invoices.filter { $0.open.isPositive } }
    /// Invoices fully paid.
    public var paidInvoices: [InvoiceLine] { invoices.filter { !$0.open.isPositive } }

    /// Allocates `account`'s payments and states where it stands on `asOf`.
    public init(account: Account, asOf: CalendarDate) {
        self.account = account
        self.asOf = asOf
        let currency = account.currency
        let ordered = account.invoices.sorted {
            ($0.due, $0.issued, $0.number) < ($1.due, $1.issued, $1.number)
        }
        var paid = [Int](repeating: 0, count: ordered.count)
        var credit = 0
        var allocations: [Int: [Allocation]] = [:]
        let payments = account.payments.enumerated().sorted {
            ($0.element.date, $0.offset) < ($1.element.date, $1.offset)
        }
        for (paymentIndex, payment) in payments {
            var remaining = payment.effectiveAmount.minorUnits
            var applied: [Allocation] = []
            func settle(_ index: Int) {
                let open = ordered[index].amount.minorUnits - paid[index]
                let amount = Swift.min(open, remaining)
                if amount > 0 {
                    paid[index] += amount
                    remaining -= amount
                    applied.append(Allocation(invoiceNumber: ordered[index].number, amount: Money(minorUnits: amount, currency: currency)))
                }
            }
            if let number = payment.invoiceNumber, let index = ordered.firstIndex(where: { $0.number == number }) {
                settle(index)
            }
            if !payment.selectedInvoices.isEmpty {
                // The invoices the customer ticked, in the usual order among themselves.
                let chosen = Set(payment.selectedInvoices)
                for index in ordered.indices where remaining > 0 && chosen.contains(ordered[index].number) { settle(index) }
            }
            for index in ordered.indices where remaining > 0 { settle(index) }
            if remaining > 0 {
                credit += remaining
                applied.append(Allocation(invoiceNumber: nil, amount: Money(minorUnits: remaining, currency: currency)))
            }
            allocations[paymentIndex] = applied
        }
        self.allocations = allocations
        var lines: [InvoiceLine] = []
        lines.reserveCapacity(ordered.count)
        var totalOpen = 0
        for (index, invoice) in ordered.enumerated() {
            let open = invoice.amount.minorUnits - paid[index]
            totalOpen += open
            let status = InvoiceStatus(paid: paid[index], open: open, due: invoice.due, asOf: asOf)
            lines.append(InvoiceLine(
                invoice: invoice,
                paid: Money(minorUnits: paid[index], currency: currency),
                open: Money(minorUnits: open, currency: currency),
                status: status,
                daysOverdue: status == .overdue ? asOf.daysSinceEpoch - invoice.due.daysSinceEpoch : 0
            ))
        }
        self.invoices = lines
        self.totalOpen = Money(minorUnits: totalOpen, currency: currency)
        self.credit = Money(minorUnits: credit, currency: currency)
        self.prepaidBalance = Money(
            minorUnits: account.transactions.reduce(0) { $0 + $1.amount.minorUnits }, currency: currency)
    }
}
