import CustomerCenterModel

extension LedgerPayment {
    /// The entry as the model's `RecordedPayment`, for allocation and pages; nil for entries that are
    /// not booked to an account.
    public func recorded(dateOf: (Int) -> CalendarDate) -> RecordedPayment? {
        guard status == .booked, let accountID, let amount else { return nil }
        return RecordedPayment(
            provider: provider, kind: eventKind, paymentID: providerPaymentID, amount: amount, date: dateOf(occurredAt),
            accountID: accountID, invoiceNumber: invoiceNumber,
            purpose: PaymentEvent.Purpose(rawValue: purpose) ?? .settle,
            method: Payment.Method(rawValue: method) ?? .other)
    }
}
