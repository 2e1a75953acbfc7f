import CustomerCenterModel

extension LedgerPayment {
    /// The entry as the model's `RecordedPayment`, for allocation and pages; nil for entries that are
    /// not booked to an account.
    public func recorded(dateOf: (Int) -> CalendarDate) -> RecordedPayment? {
        guard status == .booked, let accountID else { return nil }
        return RecordedPayment(provider: provider, kind: kind, paymentID: providerPaymentID, amount: amount, date: dateOf(occurredAt),
                               accountID: accountID, invoiceNumber: invoiceNumber, purpose: purpose, method: method,
                               selectedInvoices: selectedInvoices)
    }

    /// A refund goes where its payment went: the same customer, account and invoice, and the same
    /// status, except that a refund in another currency than its payment is kept as `mismatch`.
    package mutating func follow(_ payment: LedgerPayment) {
        customerID = payment.customerID
        accountID = payment.accountID
        invoiceNumber = payment.invoiceNumber
        selectedInvoices = payment.selectedInvoices
        if currency != payment.currency {
            status = .mismatch
            note = "refund currency \(currency.code) differs from the payment's \(payment.currency.code)"
        } else {
            status = payment.status
            note = payment.status == .booked ? nil : "refund of an unmatched payment"
        }
    }
}
