import CustomerCenterApplication
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterReceiver
import CustomerCenterSigning
import Foundation
import Hummingbird
import Logging
import Synchronization
import Testing

/// The Stripe adapter against a local server that answers as Stripe's API reference documents
/// (`POST /v1/checkout/sessions` → a Checkout Session object with `id` and `url`) and records what we sent.
@Suite struct StripeCheckoutTests {
    final class FakeStripe: Sendable {
        let requests = Mutex<[(headers: [String: String], body: String)]>([])
        let answer: @Sendable (_ body: String) -> (Int, String)

        init(answer: @escaping @Sendable () -> (Int, String)) {
            self.answer = { _ in answer() }
        }

        /// A server whose answer depends on the request's form body.
        init(answering answer: @escaping @Sendable (_ body: String) -> (Int, String)) {
            self.answer = answer
        }

        func run<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
            let router = Router()
            router.post("/v1/checkout/sessions") { request, _ -> Response in
                var request = request
                let buffer = try await request.collectBody(upTo: 65_536)
                var headers: [String: String] = [:]
                for field in request.headers { headers[field.name.canonicalName] = field.value }
                self.requests.withLock { $0.append((headers, String(buffer: buffer))) }
                let (status, text) = self.answer(String(buffer: buffer))
                return Response(status: .init(code: status), headers: [.contentType: "application/json"],
                                body: .init(byteBuffer: ByteBuffer(string: text)))
            }
            let port = ReceiverHarness.freePort()
            var logger = Logger(label: "fake-stripe")
            logger.logLevel = .critical
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
            let server = Task { try await app.runService() }
            defer { server.cancel() }
            let client = HTTPTestClient(port: port)
            for _ in 0..<200 {
                if (try? await client.send("POST", "/v1/checkout/sessions"))?.status != nil { break }
                try await Task.sleep(for: .milliseconds(25))
            }
            requests.withLock { $0.removeAll() }
            return try await body(port)
        }
    }

    func harness(stripePort: Int) async throws -> ReceiverHarness {
        let harness = try await ReceiverHarness()
        harness.folder.write(harness.folder.read("content/config.toml")
            .replacingOccurrences(of: "provider = \"sandbox\"", with: "provider = \"stripe\"")
            .replacingOccurrences(of: "[providers.stripe]\nscheme = \"stripe\"", with: "[providers.stripe]\nscheme = \"stripe\"\napi_base = \"http://127.0.0.1:\(stripePort)\""),
                             to: "content/config.toml")
        return harness
    }

    /// The demo with Stripe taking pay links at the fake server on `port`, and Stripe's API key set.
    func stripeHarness(port: Int) async throws -> (ReceiverHarness, WorkspaceOptions) {
        let harness = try await harness(stripePort: port)
        var options = harness.options
        options.environment["CUSTOMER_CENTER_PROVIDER_STRIPE_API_KEY"] = "sk_test_123"
        return (harness, options)
    }

    /// The form fields of a session's request, decoded.
    static func fields(_ body: String) -> [(String, String)] {
        body.split(separator: "&").map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }

    /// A valid pay token for 1001's electricity account (and `invoice`).
    func payToken(invoice: String?) -> String {
        PayToken(customerID: "1001", accountID: "1001-STROM", invoiceNumber: invoice, purpose: .settle,
                 currency: "EUR", linkVersion: 1, expiresAt: ReceiverHarness.now + 3_600).signed(with: PayFlowTests.payKey)!
    }

    static let session = #"{"id": "cs_test_a1", "object": "checkout.session", "mode": "payment", "status": "open", "url": "https://checkout.stripe.com/c/pay/cs_test_a1"}"#

    @Test func theRequestWeSendIsWhatStripeDocuments() async throws {
        let stripe = FakeStripe { (200, Self.session) }
        try await stripe.run { port async throws in
            let (harness, options) = try await stripeHarness(port: port)
            let token = payToken(invoice: "RE-2026-0915")
            try await harness.withReceiver(options: options) { receiver, client async throws in
                let reply = try await client.sendFull("GET", "/pay?token=\(token)&amount=44,20&method=paypal")
                #expect(reply.reply.status == 303)
                #expect(reply.location == "https://checkout.stripe.com/c/pay/cs_test_a1")
                let sent = try #require(stripe.requests.withLock { $0.first })
                #expect(sent.headers["authorization"] == "Bearer sk_test_123")
                #expect(sent.headers["content-type"] == "application/x-www-form-urlencoded")
                #expect(sent.headers["stripe-version"] == "2026-07-29.dahlia")
                let checkout = try #require(sent.headers["idempotency-key"])
                #expect(checkout.hasPrefix("co_"))
                let fields = Dictionary(uniqueKeysWithValues: sent.body.split(separator: "&").map { pair -> (String, String) in
                    let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
                    return (parts[0], parts.count > 1 ? parts[1] : "")
                })
                #expect(fields["mode"] == "payment")
                #expect(fields["line_items[0][price_data][currency]"] == "eur")
                #expect(fields["line_items[0][price_data][unit_amount]"] == "4420")
                #expect(fields["line_items[0][quantity]"] == "1")
                #expect(fields["payment_method_types[0]"] == "paypal")
                #expect(fields["metadata[customer]"] == "1001")
                #expect(fields["metadata[account]"] == "1001-STROM")
                #expect(fields["metadata[invoice]"] == "RE-2026-0915")
                #expect(fields["metadata[checkout]"] == checkout)
                #expect(fields["payment_intent_data[metadata][account]"] == "1001-STROM")
                #expect(fields["success_url"]?.hasSuffix("/return?checkout=\(checkout)") == true)
                #expect(fields["cancel_url"]?.hasSuffix("/cancel?checkout=\(checkout)") == true)
                #expect(try receiver.ledger.pending(checkoutID: checkout)?.status == .pending)
            }
        }
    }

    /// What `POST /v1/checkout/sessions` takes, in Stripe's OpenAPI description for the version we pin
    /// (stripe/openapi, `latest/openapi.spec3.json` for 2026-07-29.dahlia), for every field we send:
    /// `mode` an enum with `payment`; `client_reference_id` a string of at most 200; `success_url`,
    /// `cancel_url` strings; `payment_method_types` an array (deepObject) of an enum with `card`,
    /// `klarna`, `paypal`; `line_items` an array of `line_item_params` with `quantity` an integer and
    /// `price_data` (`currency` required, `unit_amount` an integer, `product_data` with `name` required,
    /// at most 5000); `metadata` and `payment_intent_data[metadata]` objects of strings. Stripe's own
    /// library (stripe-python) encodes arrays and objects with the same indexed brackets.
    static let documented: [String: @Sendable (String) -> Bool] = [
        "mode": { $0 == "payment" },
        "client_reference_id": { !$0.isEmpty && $0.count <= 200 },
        "success_url": { $0.hasPrefix("https://") },
        "cancel_url": { $0.hasPrefix("https://") },
        "payment_method_types[0]": { ["card", "klarna", "paypal"].contains($0) },
        "line_items[0][quantity]": { Int($0) == 1 },
        "line_items[0][price_data][currency]": { $0 == $0.lowercased() && $0.count == 3 },
        "line_items[0][price_data][unit_amount]": { (Int($0) ?? 0) > 0 },
        "line_items[0][price_data][product_data][name]": { !$0.isEmpty && $0.count <= 5_000 },
        "metadata[*]": { $0.unicodeScalars.count <= 500 },
        "payment_intent_data[metadata][*]": { $0.unicodeScalars.count <= 500 },
    ]

    @Test func everyFieldWeSendIsAParameterOfStripesOpenAPIDescription() async throws {
        let stripe = FakeStripe { (200, Self.session) }
        try await stripe.run { port async throws in
            let (harness, options) = try await stripeHarness(port: port)
            let token = payToken(invoice: "RE-2026-0915")
            try await harness.withReceiver(options: options) { _, client async throws in
                for method in ["paypal", "sofort", "card"] {
                    _ = try await client.sendFull("GET", "/pay?token=\(token)&amount=44,20&method=\(method)")
                }
                let sent = stripe.requests.withLock { $0 }
                #expect(sent.count == 3)
                for (key, value) in sent.flatMap({ Self.fields($0.body) }) {
                    var name = key
                    for prefix in ["metadata[", "payment_intent_data[metadata]["] where key.hasPrefix(prefix) {
                        // Stripe's limit on metadata keys: 40 characters.
                        #expect(key.dropFirst(prefix.count).dropLast().count <= 40, "\(key)")
                        name = prefix + "*]"
                    }
                    let valid = try #require(Self.documented[name], "\(key) is not a documented parameter")
                    #expect(valid(value), "\(key)=\(value)")
                }
            }
        }
    }

    @Test func stripesErrorAnswerIsLoggedForTheOperatorWithoutAKeyOrALineBreak() async throws {
        let answers = [
            // What Stripe answers when PayPal is not activated in the account.
            (400, #"""
                {"error": {"type": "invalid_request_error", "param": "payment_method_types",
                 "message": "The payment method type provided: paypal is invalid. Please ensure the provided type is activated in your dashboard (https://dashboard.stripe.com/account/payments/settings) and your account is enabled for any preview features that you are trying to use.",
                 "request_log_url": "https://dashboard.stripe.com/test/logs/req_1"}}
                """#),
            // A message that echoes keys and tries to start a log line of its own.
            (401, #"{"error": {"type": "invalid_request_error", "code": "api_key_expired", "message": "Expired API Key provided: sk_test_123 (was sk_live_****wxyz).\nlevel=info forged=\"yes\""}}"#),
        ]
        let stripe = FakeStripe(answering: { body in body.contains("payment_method_types%5B0%5D=paypal") ? answers[0] : answers[1] })
        let records = RecordingLogHandler.Records()
        try await stripe.run { port async throws in
            let (harness, options) = try await stripeHarness(port: port)
            let token = payToken(invoice: nil)
            try await harness.withReceiver(options: options, logger: RecordingLogHandler.logger(records)) { receiver, client async throws in
                for method in ["paypal", "card"] {
                    #expect(try await client.send("GET", "/pay?token=\(token)&amount=10,00&method=\(method)").status == 503)
                }
                #expect(try receiver.ledger.entries(customerID: "1001").isEmpty)
            }
        }
        let logged = records.with("provider checkout failed")
        #expect(logged.map(\.level) == [.error, .error])
        #expect(logged.map { $0.metadata["reason"] ?? "" } == [
            """
            Stripe answered 400: type="invalid_request_error" param="payment_method_types" message="The payment method type provided: \
            paypal is invalid. Please ensure the provided type is activated in your dashboard \
            (https://dashboard.stripe.com/account/payments/settings) and your account is enabled for any preview features that you \
            are trying to use."
            """,
            #"""
            Stripe answered 401: type="invalid_request_error" code="api_key_expired" message="Expired API Key provided: [redacted] (was [redacted]).\u{a}level=info forged=\"yes\""
            """#,
        ])
        let everything = records.items.withLock { $0.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n") }
        #expect(!everything.contains("sk_test_123"))
        #expect(!everything.contains("wxyz"))
    }

    @Test func aMetadataValueOverStripesLimitIsNeverSent() async throws {
        // `check` refuses such invoice numbers; a token naming one still never reaches Stripe.
        let stripe = FakeStripe { (200, Self.session) }
        let records = RecordingLogHandler.Records()
        try await stripe.run { port async throws in
            let (harness, options) = try await stripeHarness(port: port)
            let token = payToken(invoice: String(repeating: "R", count: 501))
            try await harness.withReceiver(options: options, logger: RecordingLogHandler.logger(records)) { receiver, client async throws in
                #expect(try await client.send("GET", "/pay?token=\(token)&amount=10,00&method=card").status == 503)
                #expect(stripe.requests.withLock { $0.isEmpty })
                #expect(try receiver.ledger.entries(customerID: "1001").isEmpty)
            }
        }
        #expect(records.with("provider checkout failed").first?.metadata["reason"]
                == "metadata[invoice] is 501 characters, Stripe takes at most 500; not sent")
    }

    @Test(arguments: [(500, #"{"error": {"type": "api_error"}}"#), (200, "<html>not json</html>"), (200, #"{"id": "cs_1"}"#)])
    func aProviderThatFailsOrAnswersGarbageLeavesNothingBooked(status: Int, answer: String) async throws {
        let stripe = FakeStripe { (status, answer) }
        try await stripe.run { port async throws in
            let (harness, options) = try await stripeHarness(port: port)
            let token = payToken(invoice: nil)
            try await harness.withReceiver(options: options) { receiver, client async throws in
                let reply = try await client.send("GET", "/pay?token=\(token)&amount=10,00&method=card")
                #expect(reply.status == 503)
                #expect(reply.body.contains("Bitte versuchen Sie es später noch einmal"))
                await receiver.waitForPages()
                #expect(try harness.page(of: "1001").contains("10,00\u{00A0}€ per Karte vom 18.11.2026: fehlgeschlagen."))
                #expect(try receiver.ledger.entries(customerID: "1001").isEmpty)
            }
        }
    }

    @Test func aProviderThatIsDownLeavesNothingBooked() async throws {
        let (harness, options) = try await stripeHarness(port: ReceiverHarness.freePort())  // nothing listens there
        let token = payToken(invoice: nil)
        try await harness.withReceiver(options: options) { receiver, client async throws in
            let reply = try await client.send("GET", "/pay?token=\(token)&amount=10,00&method=card")
            #expect(reply.status == 503)
            #expect(try receiver.ledger.entries(customerID: "1001").isEmpty)
        }
    }

    @Test func aRealProvidersCheckoutCannotBePaidInTheSandbox() async throws {
        let stripe = FakeStripe { (200, Self.session) }
        try await stripe.run { port async throws in
            let (harness, options) = try await stripeHarness(port: port)
            let token = payToken(invoice: nil)
            try await harness.withReceiver(options: options) { receiver, client async throws in
                _ = try await client.sendFull("GET", "/pay?token=\(token)&amount=10,00&method=card")
                let checkout = try #require(stripe.requests.withLock { $0.first?.headers["idempotency-key"] })
                #expect(try await client.send("GET", "/sandbox/checkout/\(checkout)").status == 404)
                let forged = try await client.send("POST", "/sandbox/checkout/\(checkout)", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                   body: Array("action=pay&amount=10,00".utf8))
                #expect(forged.status == 404)
                try await Task.sleep(for: .milliseconds(300))
                #expect(try receiver.ledger.entries(customerID: "1001").isEmpty)
                #expect(try receiver.ledger.pending(checkoutID: checkout)?.status == .pending)
            }
        }
    }
}
