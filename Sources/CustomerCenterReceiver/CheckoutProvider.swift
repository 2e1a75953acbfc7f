import CustomerCenterLedger

/// A payment provider's checkout: where to send the customer to pay a pending payment.
/// Each adapter also owns its callback format and signature scheme (`ProviderSettings`).
protocol CheckoutProvider: Sendable {
    /// Creates the provider's checkout for `pending` and returns the URL to send the customer to.
    /// `successURL` and `cancelURL` are where the provider sends the customer back.
    func createCheckout(_ pending: PendingPayment, successURL: String, cancelURL: String) async throws -> String
}
