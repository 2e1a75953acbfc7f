import CustomerCenterJSON
import CustomerCenterModel
import CustomerCenterProviderEvents
import CustomerCenterSigning

/// Stripe events (StripeEventParser) behind a valid `Stripe-Signature`. Beyond `SignedEvent`'s
/// properties, an event agrees with a plain reading of the JSON: its id and, for a payment, the integer
/// amount of the field its type names.
enum StripeEventTarget {
    static func fuzz(_ bytes: [UInt8]) {
        SignedEvent.verify(bytes, scheme: .stripe, secret: FuzzSecrets.stripe)
        let event: PaymentEvent?
        do { event = try StripeEventParser.parse(bytes, provider: "stripe", now: FuzzSecrets.eventNow) } catch {
            SignedEvent.checkRejection(error)
            return
        }
        guard let event else { return }
        SignedEvent.checkEvent(event, provider: "stripe")
        guard let root = try? JSONParser.parse(bytes).objectValue, let object = root["data"]?.objectValue?["object"]?.objectValue,
              let type = root["type"]?.stringValue else {
            Property.fail("an event from a body without type and data.object")
        }
        Property.check(root["id"]?.stringValue == event.eventID, "event id \(event.eventID)")
        Property.check(object["currency"]?.stringValue?.uppercased() == event.amount.currency.code, "currency \(event.amount.currency)")
        let field = switch type {
        case "checkout.session.completed", "checkout.session.async_payment_succeeded": "amount_total"
        case "payment_intent.succeeded": "amount_received"
        case "charge.refunded": ""
        default: Property.fail("an event of type \(type), which the parser does not act on")
        }
        Property.check((event.kind == .refund) == (type == "charge.refunded"), "kind \(event.kind) for \(type)")
        if !field.isEmpty {
            Property.check(object[field]?.integerValue == event.amount.minorUnits, "amount \(event.amount), \(field) \(String(describing: object[field]))")
        }
    }
}
