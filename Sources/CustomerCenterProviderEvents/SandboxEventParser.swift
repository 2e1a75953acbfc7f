import CustomerCenterJSON
import CustomerCenterModel

/// Reads customer-center's own callback format (docs/providers.md), which the sandbox provider and
/// plain-HMAC providers send:
///
///     {"id": "evt_1", "type": "payment.succeeded", "created": 1795000000,
///      "payment": {"id": "pay_1", "amount": "50.00", "currency": "EUR", "method": "paypal",
///                  "customer": "1001", "account": "1001-STROM", "invoice": "RE-1", "purpose": "settle"},
///      "refund": {"id": "re_1", "amount": "10.00"}}          (only for "payment.refunded")
///
/// Amounts are decimal strings in the currency's precision. Other event types are acknowledged and
/// ignored.
public enum SandboxEventParser {
    /// The event in `body`, nil for an event type we do not act on; `now` bounds the event time.
    public static func parse(_ body: [UInt8], provider: String, now: Int) throws(CallbackRejection) -> PaymentEvent? {
        let root = try JSONPayload.object(body)
        let id = try JSONPayload.string(root, "id")
        let type = try JSONPayload.string(root, "type")
        guard type == "payment.succeeded" || type == "payment.refunded" else { return nil }
        let created = try JSONPayload.eventTime(root, "created", now: now)
        let payment = try JSONPayload.child(root, "payment")
        let currency = try JSONPayload.currency(payment, "currency")
        let paymentID = try JSONPayload.string(payment, "id")
        let methodText = try JSONPayload.optionalString(payment, "method") ?? "other"
        guard let method = Payment.Method(rawValue: methodText) else { throw .unprocessable("unknown method \(methodText)") }
        let purposeText = try JSONPayload.optionalString(payment, "purpose") ?? "settle"
        guard let purpose = PaymentEvent.Purpose(rawValue: purposeText) else { throw .unprocessable("unknown purpose \(purposeText)") }
        var event = PaymentEvent(
            provider: provider, eventID: id, kind: .payment, paymentID: paymentID,
            amount: try JSONPayload.decimalAmount(payment, "amount", currency: currency), occurredAt: created,
            customerID: try JSONPayload.optionalString(payment, "customer"),
            accountID: try JSONPayload.optionalString(payment, "account"),
            invoiceNumber: try JSONPayload.optionalString(payment, "invoice"), purpose: purpose, method: method)
        event.checkoutID = try JSONPayload.optionalString(payment, "checkout")
        if type == "payment.refunded" {
            let refund = try JSONPayload.child(root, "refund")
            event.kind = .refund
            event.amount = try JSONPayload.decimalAmount(refund, "amount", currency: currency)
            event.refunds = [PaymentEvent.Refund(id: try JSONPayload.string(refund, "id"), amount: event.amount)]
        }
        return event
    }
}
