import CustomerCenterJSON
import CustomerCenterModel

/// Reads the Stripe events we act on: `checkout.session.completed` (and
/// `checkout.session.async_payment_succeeded`), `payment_intent.succeeded` and `charge.refunded`.
/// Our ids travel in `metadata` (customer, account, invoice, purpose, method). The payment id is the
/// PaymentIntent's, so a checkout session and its PaymentIntent book the money once. Other event
/// types are acknowledged and ignored.
public enum StripeEventParser {
    /// The event in `body`, nil for an event type we do not act on; `now` bounds the event time.
    public static func parse(_ body: [UInt8], provider: String, now: Int) throws(CallbackRejection) -> PaymentEvent? {
        let root = try JSONPayload.object(body)
        let id = try JSONPayload.string(root, "id")
        let type = try JSONPayload.string(root, "type")
        let created = try JSONPayload.eventTime(root, "created", now: now)
        guard let object = root["data"]?.objectValue?["object"]?.objectValue else {
            throw .unprocessable("missing data.object")
        }
        // Stripe's metadata values are strings; anything else is treated as absent.
        let metadata = object["metadata"]?.objectValue
        func meta(_ key: String) throws(CallbackRejection) -> String? {
            guard let metadata else { return nil }
            return try JSONPayload.optionalString(metadata, key)
        }
        func event(kind: PaymentEvent.Kind, paymentID: String, amount: Money) throws(CallbackRejection) -> PaymentEvent {
            var result = PaymentEvent(
                provider: provider, eventID: id, kind: kind, paymentID: paymentID, amount: amount, occurredAt: created,
                customerID: try meta("customer"), accountID: try meta("account"), invoiceNumber: try meta("invoice"),
                purpose: try meta("purpose").flatMap(PaymentEvent.Purpose.init(rawValue:)) ?? .settle,
                method: try method(metadata: meta("method"), object: object))
            result.checkoutID = try meta("checkout")
            return result
        }
        switch type {
        case "checkout.session.completed", "checkout.session.async_payment_succeeded":
            // Delayed methods complete the session unpaid; their money arrives with async_payment_succeeded.
            guard object["payment_status"]?.stringValue == "paid" else { return nil }
            let currency = try JSONPayload.currency(object, "currency")
            let sessionID = try JSONPayload.string(object, "id")
            let paymentID = try paymentIntentID(object) ?? sessionID
            return try event(kind: .payment, paymentID: paymentID,
                             amount: try JSONPayload.minorAmount(object, "amount_total", currency: currency))
        case "payment_intent.succeeded":
            let currency = try JSONPayload.currency(object, "currency")
            return try event(kind: .payment, paymentID: try JSONPayload.string(object, "id"),
                             amount: try JSONPayload.minorAmount(object, "amount_received", currency: currency))
        case "charge.refunded":
            let currency = try JSONPayload.currency(object, "currency")
            guard let paymentID = try paymentIntentID(object) else { throw .unprocessable("charge without payment_intent") }
            // The newest refund comes first in refunds.data; each refund is booked once by its id.
            let refunds = object["refunds"]?.objectValue?["data"]?.arrayValue ?? []
            var result: PaymentEvent
            if let newest = refunds.first {
                guard let refund = newest.objectValue else { throw .unprocessable("refunds.data holds a non-object") }
                result = try event(kind: .refund, paymentID: paymentID,
                                   amount: try JSONPayload.minorAmount(refund, "amount", currency: currency))
                result.refundID = try JSONPayload.string(refund, "id")
            } else {
                // Without the list (newer API versions), only the running total is known: the ledger
                // books the part of it not booked yet.
                let total = try JSONPayload.minorAmount(object, "amount_refunded", currency: currency)
                result = try event(kind: .refund, paymentID: paymentID, amount: total)
                result.refundID = "total-\(total.minorUnits)"
                result.amountIsRefundedTotal = true
            }
            return result
        default:
            return nil
        }
    }

    /// The PaymentIntent's id: `payment_intent` is its id, or the object itself when expanded (the API
    /// allows both); nil when absent or null.
    static func paymentIntentID(_ object: JSONObject) throws(CallbackRejection) -> String? {
        switch object["payment_intent"] {
        case nil, .null?: return nil
        case .string?: return try JSONPayload.string(object, "payment_intent")
        case .object(let intent)?: return try JSONPayload.string(intent, "id")
        default: throw .unprocessable("payment_intent is neither an id nor an object")
        }
    }

    static func method(metadata: String?, object: JSONObject) -> Payment.Method {
        if let metadata, let method = Payment.Method(rawValue: metadata) { return method }
        switch object["payment_method_types"]?.arrayValue?.first?.stringValue {
        case "card": return .card
        case "paypal": return .paypal
        case "sofort", "klarna": return .sofort
        default: return .other
        }
    }
}
