import CustomerCenterModel

extension LedgerPayment {
    /// The entry as the model's `RecordedPayment`, for allocation and pages; nil for entries that are
    /// not booked to an account.
    public func recorded(dateOf: (Int) -> CalendarDate) -> RecordedPayment? {
        guard status == .booked, let accountID else { return nil }
        return LedgerPayment.recorded(provider: provider, kind: kind, paymentID: providerPaymentID, amountMinor: amountMinor,
                                      currency: currency, occurredAt: occurredAt, accountID: accountID,
                                      invoiceNumber: invoiceNumber, purpose: purpose, method: method, dateOf: dateOf)
    }

    /// A booked row's columns as a `RecordedPayment` (also for reads of only these columns); nil when
    /// the stored currency is not ISO 4217 (never written so).
    static func recorded(provider: String, kind: String, paymentID: String, amountMinor: Int, currency: String, occurredAt: Int,
                         accountID: String, invoiceNumber: String?, purpose: String, method: String,
                         dateOf: (Int) -> CalendarDate) -> RecordedPayment? {
        guard let currency = Currency(code: currency) else { return nil }
        return RecordedPayment(
            provider: provider, kind: PaymentEvent.Kind(rawValue: kind) ?? .payment, paymentID: paymentID,
            amount: Money(minorUnits: amountMinor, currency: currency), date: dateOf(occurredAt),
            accountID: accountID, invoiceNumber: invoiceNumber,
            purpose: PaymentEvent.Purpose(rawValue: purpose) ?? .settle,
            method: Payment.Method(rawValue: method) ?? .other)
    }

    /// A refund goes where its payment went: the same customer, account and invoice, and the same
    /// status, except that a refund in another currency than its payment is kept as `mismatch`.
    mutating func follow(_ payment: LedgerPayment) {
        customerID = payment.customerID
        accountID = payment.accountID
        invoiceNumber = payment.invoiceNumber
        if currency != payment.currency {
            status = .mismatch
            note = "refund currency \(currency) differs from the payment's \(payment.currency)"
        } else {
            status = payment.status
            note = payment.status == .booked ? nil : "refund of an unmatched payment"
        }
    }
}
