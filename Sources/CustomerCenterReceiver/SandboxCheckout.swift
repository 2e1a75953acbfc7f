import CustomerCenterLedger

/// The sandbox provider's checkout: a page the receiver itself serves (`/sandbox/checkout/<id>`),
/// where one can pay the amount, pay a different amount, decline or abandon. For the demo and tests.
struct SandboxCheckout: CheckoutProvider {
    /// The receiver's public base URL.
    let receiverURL: String

    func createCheckout(_ pending: PendingPayment, successURL: String, cancelURL: String) async throws -> String {
        receiverURL + "/sandbox/checkout/" + pending.checkoutID
    }
}
