import CustomerCenterModel
import Foundation

/// Reads the Stripe events we act on: `checkout.session.completed` (and
/// `checkout.session.async_payment_succeeded`), `payment_intent.succeeded` and `charge.refunded`.
/// Our ids travel in `metadata` (customer, account, invoice, purpose, method). The payment id is the
/// PaymentIntent's, so a checkout session and its PaymentIntent book the money once. Other event
/// types are acknowledged and ignored.
enum StripeEventParser {
    static func parse(_ body: [UInt8], provider: String) throws(CallbackRejection) -> PaymentEvent? {
        let root = try JSONPayload.object(body)
        let id = try JSONPayload.string(root, "id")
        let type = try JSONPayload.string(root, "type")
        let created = try JSONPayload.integer(root, "created")
        guard let data = root["data"] as? [String: Any], let object = data["object"] as? [String: Any] else {
            throw .unprocessable("missing data.object")
        }
        let metadata = object["metadata"] as? [String: Any] ?? [:]
        func event(kind: PaymentEvent.Kind, paymentID: String, amount: Money) -> PaymentEvent {
            var result = PaymentEvent(
                provider: provider, eventID: id, kind: kind, paymentID: paymentID, amount: amount, occurredAt: created,
                customerID: metadata["customer"] as? String, accountID: metadata["account"] as? String,
                invoiceNumber: metadata["invoice"] as? String,
                purpose: (metadata["purpose"] as? String).flatMap(PaymentEvent.Purpose.init(rawValue:)) ?? .settle,
                method: method(metadata: metadata, object: object))
            result.checkoutID = metadata["checkout"] as? String
            return result
        }
        switch type {
        case "checkout.session.completed", "checkout.session.async_payment_succeeded":
            // Delayed methods complete the session unpaid; their money arrives with async_payment_succeeded.
            guard (object["payment_status"] as? String) == "paid" else { return nil }
            let currency = try JSONPayload.currency(object, "currency")
            let sessionID = try JSONPayload.string(object, "id")
            let paymentID = (object["payment_intent"] as? String) ?? sessionID
            return event(kind: .payment, paymentID: paymentID,
                         amount: try JSONPayload.minorAmount(object, "amount_total", currency: currency))
        case "payment_intent.succeeded":
            let currency = try JSONPayload.currency(object, "currency")
            return event(kind: .payment, paymentID: try JSONPayload.string(object, "id"),
                         amount: try JSONPayload.minorAmount(object, "amount_received", currency: currency))
        case "charge.refunded":
            let currency = try JSONPayload.currency(object, "currency")
            guard let paymentID = object["payment_intent"] as? String else { throw .unprocessable("charge without payment_intent") }
            // The newest refund comes first in refunds.data; each refund is booked once by its id.
            let refunds = (object["refunds"] as? [String: Any])?["data"] as? [[String: Any]] ?? []
            var result: PaymentEvent
            if let newest = refunds.first {
                result = event(kind: .refund, paymentID: paymentID, amount: try JSONPayload.minorAmount(newest, "amount", currency: currency))
                result.refundID = try JSONPayload.string(newest, "id")
            } else {
                // Without the list (newer API versions), only the running total is known: the ledger
                // books the part of it not booked yet.
                let total = try JSONPayload.minorAmount(object, "amount_refunded", currency: currency)
                result = event(kind: .refund, paymentID: paymentID, amount: total)
                result.refundID = "total-\(total.minorUnits)"
                result.amountIsRefundedTotal = true
            }
            return result
        default:
            return nil
        }
    }

    static func method(metadata: [String: Any], object: [String: Any]) -> Payment.Method {
        if let text = metadata["method"] as? String, let method = Payment.Method(rawValue: text) { return method }
        switch (object["payment_method_types"] as? [String])?.first {
        case "card": return .card
        case "paypal": return .paypal
        case "sofort", "klarna": return .sofort
        default: return .other
        }
    }
}
