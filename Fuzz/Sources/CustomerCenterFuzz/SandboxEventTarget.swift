import CustomerCenterJSON
import CustomerCenterModel
import CustomerCenterProviderEvents
import CustomerCenterSigning

/// Our own callback format (SandboxEventParser) behind a valid Standard Webhooks signature. Beyond
/// `SignedEvent`'s properties, an event agrees with a plain reading of the JSON: its id, its currency
/// and, for a payment, its decimal amount.
enum SandboxEventTarget {
    static func fuzz(_ bytes: [UInt8]) {
        SignedEvent.verify(bytes, scheme: .standardWebhooks, secret: FuzzSecrets.standardWebhooks)
        let event: PaymentEvent?
        do { event = try SandboxEventParser.parse(bytes, provider: "sandbox", now: FuzzSecrets.eventNow) } catch {
            SignedEvent.checkRejection(error)
            return
        }
        guard let event else { return }
        SignedEvent.checkEvent(event, provider: "sandbox")
        guard let root = try? JSONParser.parse(bytes).objectValue, let payment = root["payment"]?.objectValue else {
            Property.fail("an event from a body that is not an object with a payment")
        }
        Property.check(root["id"]?.stringValue == event.eventID, "event id \(event.eventID)")
        Property.check(payment["currency"]?.stringValue?.uppercased() == event.amount.currency.code, "currency \(event.amount.currency)")
        if event.kind == .payment {
            let written = payment["amount"]?.stringValue.flatMap { try? Money.parse($0, currency: event.amount.currency) }
            Property.check(written == event.amount, "amount \(event.amount), written \(String(describing: payment["amount"]))")
        }
    }
}
