import AsyncHTTPClient
import CustomerCenterContent
import CustomerCenterLedger
import Foundation
import NIOCore

/// Stripe Checkout Sessions (`POST /v1/checkout/sessions`, form-encoded): one line item of the
/// customer's chosen amount, our ids in `metadata` (also on the PaymentIntent, so its events carry
/// them), and `payment_method_types` by method. The only file that talks to Stripe's API.
struct StripeCheckout: CheckoutProvider {
    let apiBase: String
    let apiKey: String
    let merchantName: String
    let client: HTTPClient

    /// Stripe's payment method type for our method.
    static func methodType(_ method: String) -> String {
        switch method {
        case "paypal": "paypal"
        // Stripe discontinued Sofort in 2025 and moved it into Klarna's "Pay now".
        case "sofort": "klarna"
        default: "card"
        }
    }

    /// The form fields of the request, in a fixed order (tests compare them).
    static func formFields(_ pending: PendingPayment, merchantName: String, successURL: String, cancelURL: String) -> [(String, String)] {
        var metadata: [(String, String)] = [
            ("customer", pending.customerID), ("account", pending.accountID), ("purpose", pending.purpose),
            ("method", pending.method), ("checkout", pending.checkoutID),
        ]
        if let invoice = pending.invoiceNumber { metadata.append(("invoice", invoice)) }
        var fields: [(String, String)] = [
            ("mode", "payment"),
            ("client_reference_id", pending.checkoutID),
            ("success_url", successURL),
            ("cancel_url", cancelURL),
            ("payment_method_types[0]", methodType(pending.method)),
            ("line_items[0][quantity]", "1"),
            ("line_items[0][price_data][currency]", pending.currency.lowercased()),
            ("line_items[0][price_data][unit_amount]", String(pending.amountMinor)),
            ("line_items[0][price_data][product_data][name]", "\(merchantName) – \(pending.invoiceNumber ?? pending.accountID)"),
        ]
        for (key, value) in metadata {
            fields.append(("metadata[\(key)]", value))
            fields.append(("payment_intent_data[metadata][\(key)]", value))
        }
        return fields
    }

    static func formEncode(_ fields: [(String, String)]) -> String {
        // RFC 3986 unreserved characters only: letters and digits of ASCII, nothing else unencoded.
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }
        return fields.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    /// Why Stripe did not give us a checkout.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func createCheckout(_ pending: PendingPayment, successURL: String, cancelURL: String) async throws -> String {
        var request = HTTPClientRequest(url: apiBase + "/v1/checkout/sessions")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(apiKey)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        // Stripe's idempotency: a retried request for the same checkout creates one session.
        request.headers.add(name: "Idempotency-Key", value: pending.checkoutID)
        let body = Self.formEncode(Self.formFields(pending, merchantName: merchantName, successURL: successURL, cancelURL: cancelURL))
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(10))
        let data = try await response.body.collect(upTo: 1 << 20)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw Failure(description: "Stripe answered \(response.status.code)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(data.readableBytesView)) as? [String: Any],
              let url = object["url"] as? String, url.hasPrefix("https://") || url.hasPrefix("http://") else {
            throw Failure(description: "Stripe's answer has no checkout url")
        }
        return url
    }
}
