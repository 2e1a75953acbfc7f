/// One account's movements in date order with a running balance: the statement of account a
/// customer files. Built from the content (invoices, payments, prepaid credits and charges) and the
/// money the ledger booked since (payments, top-ups, refunds), so its closing balance is exactly the
/// figure the personal page shows:
///
/// - invoice account: the balance is what is owed (invoices are debits, payments credits, refunds
///   debits again); at the end it is the total open less any credit from overpayment, which makes it
///   negative;
/// - prepaid account: the balance is the prepaid balance (top-ups and credits are credits, charges and
///   refunds debits); negative when overdrawn.
public struct AccountMovements: Hashable, Sendable {
    /// One row of the statement.
    public struct Movement: Hashable, Sendable {
        /// What moved.
        public enum Kind: String, Hashable, Sendable, CaseIterable {
            case invoice, payment, refund, charge, credit
            case topUp = "top-up"
        }

        /// The day: an invoice's issue date, the day money arrived or was refunded.
        public var date: CalendarDate
        public var kind: Kind
        /// The document it refers to: the invoice number, a payment's reference or the provider's
        /// payment id; nil when there is none.
        public var document: String?
        /// Whether `document` is a provider's payment id (opaque, long) rather than a number or reference.
        public var documentIsPaymentID: Bool = false
        /// What the content says about it: an invoice's or a transaction's description.
        public var detail: String?
        /// How money was paid or refunded, for payments, top-ups and refunds.
        public var method: Payment.Method?
        /// For a payment on an invoice account: where it went (invoices by number, nil for credit).
        public var allocations: [AccountStatement.Allocation]
        /// The amount; exactly one of `debit` and `credit` is set.
        public var debit: Money?
        public var credit: Money?
        /// The balance after this movement (see the type's comment for its sign).
        public var balance: Money
    }

    /// The account as the content describes it.
    public var account: Account
    /// Every movement, oldest first.
    public var movements: [Movement]
    /// The balance after the last movement: what the page shows (owed on an invoice account, the
    /// prepaid balance on a prepaid one).
    public var closingBalance: Money
    /// The account with the ledger's money allocated as of the day: what the page shows, and what
    /// open amounts by age are taken from.
    public var statement: AccountStatement

    /// The movements of `account` with the ledger's `recorded` money, allocated as of `asOf`.
    public init(account: Account, recorded: [RecordedPayment], asOf: CalendarDate) {
        self.account = account
        let currency = account.currency
        let mine = recorded.filter { $0.accountID == account.id && $0.amount.currency == currency }
        let ledgerPayments = mine.filter { $0.kind == .payment }
        let statement = AccountStatement(account: account.including(recorded), asOf: asOf)
        self.statement = statement
        var rows: [(rank: Int, movement: Movement)] = []
        func add(_ rank: Int, _ date: CalendarDate, _ kind: Movement.Kind, document: String?, paymentID: Bool = false, detail: String? = nil,
                 method: Payment.Method? = nil, allocations: [AccountStatement.Allocation] = [], debit: Int = 0, credit: Int = 0) {
            rows.append((rank, Movement(date: date, kind: kind, document: document, documentIsPaymentID: paymentID, detail: detail,
                                        method: method, allocations: allocations,
                                        debit: debit > 0 ? Money(minorUnits: debit, currency: currency) : nil,
                                        credit: credit > 0 ? Money(minorUnits: credit, currency: currency) : nil,
                                        balance: .zero(currency))))
        }
        switch account.kind {
        case .invoice:
            // The allocation of the page: content payments first, then the ledger's in booking order
            // (`Account.including` appends them so).
            for invoice in account.invoices {
                add(0, invoice.issued, .invoice, document: invoice.number, detail: invoice.description, debit: invoice.amount.minorUnits)
            }
            for (index, payment) in account.payments.enumerated() {
                add(1, payment.date, .payment, document: payment.reference, method: payment.method,
                    allocations: statement.allocations[index] ?? [], credit: payment.amount.minorUnits)
            }
            for (offset, entry) in ledgerPayments.enumerated() {
                add(1, entry.date, .payment, document: entry.paymentID, paymentID: true, method: entry.method,
                    allocations: statement.allocations[account.payments.count + offset] ?? [], credit: entry.amount.minorUnits)
            }
        case .prepaid:
            for transaction in account.transactions {
                if transaction.amount.isPositive {
                    add(1, transaction.date, .credit, document: nil, detail: transaction.description, credit: transaction.amount.minorUnits)
                } else {
                    add(0, transaction.date, .charge, document: nil, detail: transaction.description,
                        debit: Int(clamping: transaction.amount.minorUnits.magnitude))
                }
            }
            for entry in ledgerPayments {
                add(1, entry.date, .topUp, document: entry.paymentID, paymentID: true, method: entry.method, credit: entry.amount.minorUnits)
            }
        }
        // Refunds of the ledger's payments, each payment's together never more than it (as the page
        // counts them); a refund whose payment is not here changes nothing, on the page or here.
        var refundable: [String: (amount: Int, method: Payment.Method)] = [:]
        for entry in ledgerPayments { refundable[entry.provider + "\u{0}" + entry.paymentID] = (entry.amount.minorUnits, entry.method) }
        for entry in mine where entry.kind == .refund {
            let key = entry.provider + "\u{0}" + entry.paymentID
            guard let left = refundable[key], left.amount > 0 else { continue }
            let amount = Swift.min(entry.amount.minorUnits, left.amount)
            refundable[key] = (left.amount - amount, left.method)
            add(2, entry.date, .refund, document: entry.paymentID, paymentID: true, method: left.method, debit: amount)
        }

        // Date order; on one day debits before credits before refunds, then in the order read.
        let ordered = rows.enumerated().sorted { ($0.element.movement.date, $0.element.rank, $0.offset) < ($1.element.movement.date, $1.element.rank, $1.offset) }
        var balance = 0
        var movements: [Movement] = []
        movements.reserveCapacity(ordered.count)
        let sign = account.kind == .invoice ? 1 : -1
        for (_, row) in ordered {
            var movement = row.movement
            // Within an account's bound (`Account.maximumTotalMinorUnits`), so no overflow.
            balance += sign * ((movement.debit?.minorUnits ?? 0) - (movement.credit?.minorUnits ?? 0))
            movement.balance = Money(minorUnits: balance, currency: currency)
            movements.append(movement)
        }
        self.movements = movements
        closingBalance = Money(minorUnits: balance, currency: currency)
    }
}
