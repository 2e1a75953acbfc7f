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
            // Older API versions list the charge's refunds (newest first, at most 10); newer ones only
            // state the running total. Both are passed on: the ledger counts each refund id once, and
            // never less than the largest total, in whatever shape and order the events arrive.
            var refunds: [PaymentEvent.Refund] = []
            for entry in (object["refunds"]?.objectValue?["data"]?.arrayValue ?? []).reversed() {
                guard let refund = entry.objectValue else { throw .unprocessable("refunds.data holds a non-object") }
                // A failed or canceled refund gave no money back.
                if let status = refund["status"]?.stringValue, status == "failed" || status == "canceled" { continue }
                refunds.append(PaymentEvent.Refund(id: try JSONPayload.string(refund, "id"),
                                                   amount: try JSONPayload.minorAmount(refund, "amount", currency: currency)))
            }
            let total = try refundedTotal(object, currency: currency)
            let listed = try sum(refunds, currency: currency)
            guard let amount = total ?? listed else {
                throw .unprocessable("charge.refunded without refunds.data or amount_refunded")
            }
            var result = try event(kind: .refund, paymentID: paymentID, amount: amount)
            result.refunds = refunds
            result.refundedTotal = total
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

    /// The charge's `amount_refunded` (the running total refunded), nil when absent, null or zero.
    static func refundedTotal(_ object: JSONObject, currency: Currency) throws(CallbackRejection) -> Money? {
        switch object["amount_refunded"] {
        case nil, .null?: return nil
        default:
            if try JSONPayload.integer(object, "amount_refunded") == 0 { return nil }
            return try JSONPayload.minorAmount(object, "amount_refunded", currency: currency)
        }
    }

    /// What `refunds` add up to; nil for none, refused beyond the largest plausible amount.
    static func sum(_ refunds: [PaymentEvent.Refund], currency: Currency) throws(CallbackRejection) -> Money? {
        guard !refunds.isEmpty else { return nil }
        var total = 0
        for refund in refunds {
            let (sum, overflow) = total.addingReportingOverflow(refund.amount.minorUnits)
            guard !overflow, sum <= JSONPayload.maximumMinorUnits else { throw .unprocessable("refunds.data adds up to an implausible amount") }
            total = sum
        }
        return Money(minorUnits: total, currency: currency)
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
