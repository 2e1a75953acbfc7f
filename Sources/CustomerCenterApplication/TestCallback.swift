import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterSigning
import Foundation

/// A callback signed exactly as a provider would send it (`customer-center send-test-callback`, like
/// `stripe trigger`): a Stripe `payment_intent.succeeded` or a sandbox `payment.succeeded` event.
public struct TestCallback: Sendable {
    /// The JSON body.
    public let body: [UInt8]
    /// Content type and signature headers.
    public let headers: [(name: String, value: String)]
    /// The event id.
    public let eventID: String

    /// Builds and signs a payment event of `amount` for `customerID`/`accountID` from `provider`,
    /// signed with `secret` at `timestamp`.
    public init(provider: ProviderSettings, secret: String, amount: Money, customerID: String, accountID: String,
                invoiceNumber: String?, timestamp: Int, unique: String = UUID().uuidString.lowercased()) {
        let eventID = "evt_test_\(unique)"
        var metadata: [String: String] = ["customer": customerID, "account": accountID]
        if let invoiceNumber { metadata["invoice"] = invoiceNumber }
        let object: [String: Any]
        switch provider.format {
        case .stripe:
            object = [
                "id": eventID, "object": "event", "type": "payment_intent.succeeded", "created": timestamp, "livemode": false,
                "data": ["object": [
                    "id": "pi_test_\(unique)", "object": "payment_intent", "amount": amount.minorUnits,
                    "amount_received": amount.minorUnits, "currency": amount.currency.code.lowercased(),
                    "payment_method_types": ["card"], "status": "succeeded", "metadata": metadata,
                ] as [String: Any]] as [String: Any],
            ]
        case .sandbox:
            var payment: [String: Any] = ["id": "pay_test_\(unique)", "amount": amount.decimalString,
                                          "currency": amount.currency.code, "method": "card", "purpose": "settle"]
            for (key, value) in metadata { payment[key] = value }
            object = ["id": eventID, "type": "payment.succeeded", "created": timestamp, "payment": payment]
        }
        let body = [UInt8]((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
        let scheme = WebhookScheme(rawValue: provider.scheme) ?? .hmacSHA256
        self.body = body
        self.eventID = eventID
        self.headers = [("Content-Type", "application/json")]
            + WebhookSigner(scheme: scheme, secret: secret).headers(body: body, timestamp: timestamp, id: eventID)
    }
}
