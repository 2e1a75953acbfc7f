import CustomerCenterModel
import CustomerCenterProviderEvents
import CustomerCenterSigning

/// What the two event targets share: the body signed as its provider would and verified as the
/// receiver does (so every input reaches the parser), and the properties of what a parser returns.
enum SignedEvent {
    /// Signs `body` with `secret` at `FuzzSecrets.eventNow` and verifies it: our own signature must
    /// always be accepted, whatever the body.
    static func verify(_ body: [UInt8], scheme: WebhookScheme, secret: String) {
        let signed = WebhookSigner(scheme: scheme, secret: secret).headers(body: body, timestamp: FuzzSecrets.eventNow, id: "msg_fuzz")
        let headers = Dictionary(signed.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        do {
            try WebhookVerifier(scheme: scheme, secrets: [secret]).verify(body: body, header: { headers[$0] }, now: FuzzSecrets.eventNow)
        } catch {
            Property.fail("a body signed by WebhookSigner is refused: \(error)")
        }
    }

    /// A refusal is a 4xx with a short generic body (nothing a client sends may yield a 5xx).
    static func checkRejection(_ rejection: CallbackRejection) {
        Property.check((400..<500).contains(rejection.status), "status \(rejection.status) for \(rejection.reason)")
        Property.check(["bad request", "unprocessable event"].contains(rejection.body), "body \(rejection.body.debugDescription)")
        Property.check(!rejection.reason.isEmpty, "a refusal without a reason")
    }

    /// An event the ledger may book: a positive amount within the bound, a plausible time, ids of at
    /// most 255 bytes, refund reports (ids or a running total) exactly for refunds, each positive.
    static func checkEvent(_ event: PaymentEvent, provider: String) {
        Property.check(event.provider == provider, "provider \(event.provider)")
        Property.check(event.amount.isPositive, "amount \(event.amount)")
        Property.check(event.amount.minorUnits <= 10_000_000_000_000, "amount \(event.amount) above the bound")
        Property.check(EventTime.plausible(now: FuzzSecrets.eventNow).contains(event.occurredAt), "event time \(event.occurredAt)")
        for (name, id) in [("event", event.eventID), ("payment", event.paymentID)] {
            Property.check(!id.isEmpty && id.utf8.count <= 255, "\(name) id \(id.debugDescription)")
        }
        for (name, id) in [("customer", event.customerID), ("account", event.accountID), ("invoice", event.invoiceNumber),
                           ("checkout", event.checkoutID)] + event.refunds.map({ ("refund", Optional($0.id)) }) {
            if let id { Property.check(!id.isEmpty && id.utf8.count <= 255, "\(name) id \(id.debugDescription)") }
        }
        let reportsRefund = !event.refunds.isEmpty || event.refundedTotal != nil
        Property.check((event.kind == .refund) == reportsRefund, "kind \(event.kind) with refunds \(event.refunds) total \(String(describing: event.refundedTotal))")
        for refund in event.refunds { Property.check(refund.amount.isPositive, "refund \(refund.id) of \(refund.amount)") }
    }
}
