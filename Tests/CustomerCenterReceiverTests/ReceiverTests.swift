import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterReceiver
import CustomerCenterRender
import CustomerCenterSigning
import CustomerCenterTestSupport
import Foundation
import Testing

/// The receiver as providers meet it: a real server on 127.0.0.1, real HTTP, a real SQLite ledger,
/// pages written to disk.
@Suite struct ReceiverTests {
    struct Vectors: Decodable {
        struct Stripe: Decodable { let secret: String; let timestamp: Int; let body: String; let header: String }
        struct Standard: Decodable {
            let secret: String; let webhook_id: String; let webhook_timestamp: Int; let body: String; let webhook_signature: String
        }
        let stripe_signature: [Stripe]
        let standard_webhooks: [Standard]
    }

    @Test func healthz() async throws {
        let harness = try await ReceiverHarness()
        let reply = try await harness.withReceiver { _, client async throws in try await client.send("GET", "/healthz") }
        #expect(reply.status == 200)
        #expect(reply.body == "ok")
    }

    @Test func everySharedVectorVerifiesOverHTTP() async throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestPaths.shared + "/vectors/vectors.json"))
        let vectors = try JSONDecoder().decode(Vectors.self, from: data)
        for vector in vectors.stripe_signature {
            let harness = try await ReceiverHarness()
            var options = harness.options
            options.environment["CUSTOMER_CENTER_PROVIDER_STRIPE_SECRETS"] = vector.secret
            options.now = { Date(timeIntervalSince1970: TimeInterval(vector.timestamp)) }
            let headers = ["Content-Type": "application/json", "Stripe-Signature": vector.header]
            let (verified, forged) = try await harness.withReceiver(options: options) { _, client async throws in
                (try await client.send("POST", "/callbacks/stripe", headers: headers, body: Array(vector.body.utf8)).status,
                 try await client.send("POST", "/callbacks/stripe", headers: headers, body: Array((vector.body + " ").utf8)).status)
            }
            // The signature verifies; the vector's body is not a full event, so it is refused after that.
            #expect(verified == 422)
            #expect(forged == 401)
        }
        for vector in vectors.standard_webhooks {
            let harness = try await ReceiverHarness()
            var options = harness.options
            options.environment["CUSTOMER_CENTER_PROVIDER_SANDBOX_SECRETS"] = vector.secret
            options.now = { Date(timeIntervalSince1970: TimeInterval(vector.webhook_timestamp)) }
            let headers = ["Content-Type": "application/json", "webhook-id": vector.webhook_id,
                           "webhook-timestamp": String(vector.webhook_timestamp), "webhook-signature": vector.webhook_signature]
            let status = try await harness.withReceiver(options: options) { _, client async throws in
                try await client.send("POST", "/callbacks/sandbox", headers: headers, body: Array(vector.body.utf8)).status
            }
            #expect(status == 422)
        }
        // GitHub's sha256= vector through the plain HMAC provider, over a real socket.
        let harness = try await ReceiverHarness()
        let reply = try await harness.withReceiver { _, client async throws in
            try await client.send("POST", "/callbacks/plain", headers: [
                "Content-Type": "application/json",
                "X-Signature": "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
            ], body: Array("Hello, World!".utf8))
        }
        #expect(reply.status == 400)  // verified, then refused: "Hello, World!" is not JSON
    }

    @Test func everyBadInputIsRefusedAndBooksNothing() async throws {
        let harness = try await ReceiverHarness(maxBodyBytes: 2_048)
        let good = ReceiverHarness.sandboxEvent(id: "evt_ok", payment: "pay_ok", amount: "10.00")
        let headers = ReceiverHarness.sandboxHeaders(good)
        func signed(_ body: [UInt8]) -> (body: [UInt8], headers: [String: String]) { (body, ReceiverHarness.sandboxHeaders(body)) }
        var changed = good
        changed[changed.count / 2] ^= 0x01
        var noSignature = headers
        noSignature["webhook-signature"] = nil
        var malformed = headers
        malformed["webhook-signature"] = "garbage"
        var unknownVersion = headers
        unknownVersion["webhook-signature"] = "v9,AAAA"
        var wrongType = headers
        wrongType["Content-Type"] = "text/plain"
        let otherProvider = ReceiverHarness.sandboxHeaders(good, secret: "whsec_" + Data("another-providers-key-000000000".utf8).base64EncodedString())
        let past = ReceiverHarness.sandboxHeaders(good, timestamp: ReceiverHarness.now - 301)
        let future = ReceiverHarness.sandboxHeaders(good, timestamp: ReceiverHarness.now + 301)
        let invalidJSON = signed(Array("{\"id\": ".utf8))
        let missingField = signed(Array("{\"id\": \"evt_x\", \"type\": \"payment.succeeded\", \"created\": 1}".utf8))
        let negative = signed(ReceiverHarness.sandboxEvent(id: "evt_n", payment: "pay_n", amount: "-5.00"))
        let zero = signed(ReceiverHarness.sandboxEvent(id: "evt_z", payment: "pay_z", amount: "0.00"))
        let currency = signed(ReceiverHarness.sandboxEvent(id: "evt_c", payment: "pay_c", amount: "5.00", currency: "XXY"))
        let decimals = signed(ReceiverHarness.sandboxEvent(id: "evt_d", payment: "pay_d", amount: "5.001"))
        let huge = signed(Array(("{\"pad\": \"" + String(repeating: "x", count: 4_000) + "\"}").utf8))

        let cases: [(String, String, String, [String: String], [UInt8], Int)] = [
            ("missing signature header", "POST", "/callbacks/sandbox", noSignature, good, 400),
            ("malformed signature header", "POST", "/callbacks/sandbox", malformed, good, 400),
            ("unknown scheme version only", "POST", "/callbacks/sandbox", unknownVersion, good, 400),
            ("another provider's secret", "POST", "/callbacks/sandbox", otherProvider, good, 401),
            ("timestamp too old", "POST", "/callbacks/sandbox", past, good, 401),
            ("timestamp in the future", "POST", "/callbacks/sandbox", future, good, 401),
            ("body changed by one byte", "POST", "/callbacks/sandbox", headers, changed, 401),
            ("body over the limit", "POST", "/callbacks/sandbox", huge.headers, huge.body, 413),
            ("unknown provider", "POST", "/callbacks/paypal", headers, good, 404),
            ("wrong method", "GET", "/callbacks/sandbox", [:], [], 405),
            ("wrong content type", "POST", "/callbacks/sandbox", wrongType, good, 415),
            ("invalid JSON", "POST", "/callbacks/sandbox", invalidJSON.headers, invalidJSON.body, 400),
            ("missing fields", "POST", "/callbacks/sandbox", missingField.headers, missingField.body, 422),
            ("negative amount", "POST", "/callbacks/sandbox", negative.headers, negative.body, 422),
            ("zero amount", "POST", "/callbacks/sandbox", zero.headers, zero.body, 422),
            ("unknown currency", "POST", "/callbacks/sandbox", currency.headers, currency.body, 422),
            ("too many decimals", "POST", "/callbacks/sandbox", decimals.headers, decimals.body, 422),
        ]
        try await harness.withReceiver { receiver, client async throws in
            for (name, method, path, headers, body, status) in cases {
                let reply = try await client.send(method, path, headers: headers, body: method == "GET" ? nil : body)
                #expect(reply.status == status, "\(name)")
                #expect(reply.body.count < 40, "\(name): a short generic body")
                #expect(!reply.body.contains("whsec"), "\(name)")
            }
            #expect(try receiver.ledger.events().isEmpty)
            #expect(try receiver.ledger.unmatched().isEmpty)
            #expect(try receiver.ledger.entries(customerID: "1001").isEmpty)
            // The good request still books: nothing above broke the receiver.
            #expect(try await client.sandbox(good).status == 200)
        }
    }

    @Test(arguments: LedgerEngineKind.available) func aDuplicateDeliveryBooksOnceAndRotatedSecretsBothWork(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        let body = ReceiverHarness.sandboxEvent(id: "evt_1", payment: "pay_1", amount: "20.00")
        try await harness.withReceiver { receiver, client async throws in
            #expect(try await client.sandbox(body) == .init(status: 200, body: "booked"))
            #expect(try await client.sandbox(body).body == "duplicate-event")
            // The same payment under another event id, signed with the older of two secrets.
            let again = ReceiverHarness.sandboxEvent(id: "evt_2", payment: "pay_1", amount: "20.00")
            let old = "whsec_b2xkLXNlY3JldC10aGF0LXdhcy1yb3RhdGVkLW91dA=="
            #expect(try await client.sandbox(again, headers: ReceiverHarness.sandboxHeaders(again, secret: old)).body == "duplicate-payment")
            #expect(try receiver.ledger.entries(customerID: "1001").count == 1)
        }
    }

    @Test(arguments: LedgerEngineKind.available) func paymentsAreBookedByTheRulesAndOnlyThatPageChanges(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        let before = harness.pageDates()
        try await Task.sleep(for: .milliseconds(20))
        try await harness.withReceiver { receiver, client async throws in
            // Underpayment of the overdue September invoice (44.20 open).
            #expect(try await client.sandbox(ReceiverHarness.sandboxEvent(id: "e1", payment: "p1", amount: "20.00", invoice: "RE-2026-0915")).status == 200)
            await receiver.waitForPages()
            var page = try harness.page(of: "1001")
            #expect(page.contains("1.342,96\u{00A0}€"))  // 1,362.96 - 20.00
            // Overpayment: everything open (1,342.96) plus 57.04 credit.
            #expect(try await client.sandbox(ReceiverHarness.sandboxEvent(id: "e2", payment: "p2", amount: "1400.00")).status == 200)
            await receiver.waitForPages()
            page = try harness.page(of: "1001")
            #expect(page.contains("Guthaben aus Überzahlung: <strong>57,04\u{00A0}€</strong>"))
            #expect(page.contains("Alles bezahlt"))
            // A refund of 100.00 of that payment reopens part of the newest invoice.
            let refund = ReceiverHarness.sandboxEvent(id: "e3", payment: "p2", amount: "1400.00", type: "payment.refunded", refund: ("r1", "100.00"))
            #expect(try await client.sandbox(refund).body == "booked")
            await receiver.waitForPages()
            page = try harness.page(of: "1001")
            #expect(page.contains("davon erstattet: 100,00\u{00A0}€"))
            #expect(page.contains("42,96\u{00A0}€"))  // 100.00 - 57.04 credit = 42.96 open again
            // Unknown customer: kept, 2xx, listed.
            let stranger = ReceiverHarness.sandboxEvent(id: "e4", payment: "p4", amount: "5.00", customer: "9999")
            #expect(try await client.sandbox(stranger).body == "unmatched")
            #expect(try receiver.ledger.unmatched().map(\.note) == ["unknown customer 9999"])
        }
        let after = harness.pageDates()
        let changed = after.filter { before[$0.key] != $0.value }.map(\.key)
        // The page, its statement and the statement's CSV (the invoice PDF is the same bytes).
        let token = try harness.pageToken(of: "1001")
        #expect(changed.sorted() == ["index.html", "statement.csv", "statement.html"].map { token + "/" + $0 },
                "only customer 1001's files were written")
        // The regenerated page is byte for byte what a full build with the ledger writes.
        let regenerated = try harness.page(of: "1001")
        let ledger = try harness.ledger()
        let rebuilt = TemporaryFolder("rebuild")
        let config = try SiteConfig.load(from: harness.options.contentPath + "/config.toml")
        let build = BuildOptions(harness: harness, output: rebuilt.file("site")).reading(ledger, config: config, now: harness.options.now)
        _ = try SiteBuilder(options: build).build()
        let path = harness.folder.files(under: "site/c").first { harness.folder.read("site/c/" + $0) == regenerated }
        #expect(rebuilt.read("site/c/" + (path ?? "missing")) == regenerated)
        // So are the statement and its CSV: one pipeline.
        for file in ["statement.html", "statement.csv"] {
            #expect(rebuilt.read("site/c/\(token)/\(file)") == harness.folder.read("site/c/\(token)/\(file)"), "\(file)")
            #expect(!rebuilt.read("site/c/\(token)/\(file)").isEmpty)
        }
    }

    @Test(arguments: LedgerEngineKind.available) func twoHundredConcurrentCallbacksLeaveTheExactBalance(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        try await harness.withReceiver { receiver, client async throws in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        // 150 distinct payments of 1.00; 50 are repeated deliveries.
                        let id = index % 150
                        let body = ReceiverHarness.sandboxEvent(id: "evt_\(id)", payment: "pay_\(id)", amount: "1.00", customer: "1006", account: "1006-GAS")
                        return try await client.sandbox(body).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 })
            await receiver.waitForPages()
            #expect(try receiver.ledger.entries(customerID: "1006").count == 150)
            #expect(try harness.page(of: "1006").contains("43,00\u{00A0}€"))  // 193.00 open - 150.00
        }
    }

    @Test(arguments: LedgerEngineKind.available) func aCrashBetweenCommitAndPageWriteIsRepairedAtTheNextStart(_ engine: LedgerEngineKind) async throws {
        let harness = try await ReceiverHarness(engine: engine)
        let before = try harness.page(of: "1005")
        // Book straight into the ledger, as a receiver that died right after the commit would have.
        let ledger = try harness.ledger()
        let config = try ContentFolder(path: harness.options.contentPath).loadConfig()
        let customer = try CustomerFile.load(path: harness.folder.file("content/customers/1005.json"), defaults: .init(config))
        let event = PaymentEvent(provider: "sandbox", eventID: "evt_crash", kind: .payment, paymentID: "pay_crash",
                                 amount: Money(minorUnits: 3_000, currency: .eur), occurredAt: ReceiverHarness.now,
                                 customerID: "1005", accountID: "1005-WASSER", method: .sofort)
        _ = try ledger.book(event, target: .account(customerID: "1005", account: customer.accounts[0]), receivedAt: ReceiverHarness.now,
                            dateOf: { CalendarDate(daysSinceEpoch: $0 / 86_400) })
        #expect(try harness.page(of: "1005") == before)
        #expect(try ledger.dirtyPages().map(\.customerID) == ["1005"])
        try await harness.withReceiver { receiver, _ async throws in
            #expect(try receiver.ledger.dirtyPages().isEmpty)
        }
        #expect(try harness.page(of: "1005").contains("Guthaben aus Überzahlung: <strong>57,00\u{00A0}€</strong>"))
    }
}
