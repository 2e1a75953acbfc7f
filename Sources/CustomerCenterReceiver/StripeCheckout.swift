import AsyncHTTPClient
import CustomerCenterContent
import CustomerCenterLedger
import Foundation
import NIOCore

/// Stripe Checkout Sessions (`POST /v1/checkout/sessions`, form-encoded): one line item of the
/// customer's chosen amount, our ids in `metadata` (also on the PaymentIntent, so its events carry
/// them), and `payment_method_types` by method. The only file that talks to Stripe's API.
struct StripeCheckout: CheckoutProvider {
    /// The API version every request pins (`Stripe-Version`): the one whose OpenAPI description the
    /// form fields were checked against, so a change of the account's default version cannot change
    /// what a request means (docs/providers.md).
    static let apiVersion = "2026-07-29.dahlia"

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
            ("customer", pending.customerID), ("account", pending.accountID), ("purpose", pending.purpose.rawValue),
            ("method", pending.method.rawValue), ("checkout", pending.checkoutID),
        ]
        if let invoice = pending.invoiceNumber { metadata.append(("invoice", invoice)) }
        var fields: [(String, String)] = [
            ("mode", "payment"),
            ("client_reference_id", pending.checkoutID),
            ("success_url", successURL),
            ("cancel_url", cancelURL),
            ("payment_method_types[0]", methodType(pending.method.rawValue)),
            ("line_items[0][quantity]", "1"),
            ("line_items[0][price_data][currency]", pending.currency.code.lowercased()),
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

    /// Why Stripe did not give us a checkout (logged as the reason of `provider checkout failed`).
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// A metadata value Stripe would refuse; `check` refuses such content, so it changed since.
        case metadataTooLong(key: String, length: Int)
        /// A status other than 2xx, with Stripe's error object when the answer had one.
        case refused(status: Int, error: StripeAPIError?)
        /// A 2xx answer without a checkout URL.
        case noCheckoutURL

        var description: String {
            switch self {
            case .metadataTooLong(let key, let length):
                "\(key) is \(length) characters, Stripe takes at most \(StripeMetadataLimits.maximumValueLength); not sent"
            case .refused(let status, let error?): "Stripe answered \(status): \(error)"
            case .refused(let status, nil): "Stripe answered \(status) without an error object"
            case .noCheckoutURL: "Stripe's answer has no checkout url"
            }
        }
    }

    func createCheckout(_ pending: PendingPayment, successURL: String, cancelURL: String) async throws -> String {
        var request = HTTPClientRequest(url: apiBase + "/v1/checkout/sessions")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(apiKey)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        // Stripe's idempotency: a retried request for the same checkout creates one session.
        request.headers.add(name: "Idempotency-Key", value: pending.checkoutID)
        request.headers.add(name: "Stripe-Version", value: Self.apiVersion)
        let fields = Self.formFields(pending, merchantName: merchantName, successURL: successURL, cancelURL: cancelURL)
        for (key, value) in fields where key.hasPrefix("metadata[") {
            let length = StripeMetadataLimits.length(value)
            if length > StripeMetadataLimits.maximumValueLength { throw Failure.metadataTooLong(key: key, length: length) }
        }
        request.body = .bytes(ByteBuffer(string: Self.formEncode(fields)))
        let response = try await client.execute(request, timeout: .seconds(10))
        let data = try await response.body.collect(upTo: 1 << 20)
        guard (200..<300).contains(Int(response.status.code)) else {
            throw Failure.refused(status: Int(response.status.code),
                                  error: StripeAPIError(body: Data(data.readableBytesView), hiding: apiKey))
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(data.readableBytesView)) as? [String: Any],
              let url = object["url"] as? String, url.hasPrefix("https://") || url.hasPrefix("http://") else {
            throw Failure.noCheckoutURL
        }
        return url
    }
}
