import CustomerCenterApplication
import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterReceiver
import CustomerCenterRender
import CustomerCenterSigning
import CustomerCenterTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import HummingbirdTesting
import Logging

/// The demo content in a temporary folder, built once, with a receiver started on it whose clock is
/// fixed, and real HTTP requests to it on 127.0.0.1.
struct ReceiverHarness {
    static let now = 1_795_000_000  // 2026-11-18
    static let sandboxSecret = "whsec_" + Data("sandbox-test-key-0123456789abcdef".utf8).base64EncodedString()
    static let stripeSecret = "whsec_test_secret"
    static let plainSecret = "It's a Secret to Everybody"

    let folder: TemporaryFolder
    let options: WorkspaceOptions
    /// The ledger engine the receiver runs on: the SQLite file beside the content, or a fresh
    /// PostgreSQL database named by `CUSTOMER_CENTER_LEDGER_URL` in the workspace's environment.
    let engine: LedgerEngineKind

    /// The build runs on a thread of its own (`OwnThread`): tests share two cooperative threads.
    init(engine: LedgerEngineKind = .sqlite, maxBodyBytes: Int = 65_536) async throws {
        self.engine = engine
        folder = TemporaryFolder("receiver").copyDemo()
        folder.write(folder.read("content/config.toml")
            .replacingOccurrences(of: "max_body_bytes = 65536", with: "max_body_bytes = \(maxBodyBytes)")
            .replacingOccurrences(of: "\n[secrets]\n", with: "\n[providers.plain]\nscheme = \"hmac-sha256\"\n\n[secrets]\n"),
                     to: "content/config.toml")
        var environment = [
            "CUSTOMER_CENTER_PROVIDER_SANDBOX_SECRETS": "whsec_b2xkLXNlY3JldC10aGF0LXdhcy1yb3RhdGVkLW91dA==,\(Self.sandboxSecret)",
            "CUSTOMER_CENTER_PROVIDER_STRIPE_SECRETS": Self.stripeSecret,
            "CUSTOMER_CENTER_PROVIDER_PLAIN_SECRETS": Self.plainSecret,
        ]
        if engine == .postgresql {
            environment[LedgerEngine.urlVariable] = try TestLedger.createDatabase().0.description
        }
        options = WorkspaceOptions(contentPath: folder.file("content"), templatesPath: folder.file("Templates"),
                                  outputPath: folder.file("site"), environment: environment,
                                  now: { Date(timeIntervalSince1970: TimeInterval(ReceiverHarness.now)) })
        var build = BuildOptions(contentPath: options.contentPath, templatesPath: options.templatesPath, outputPath: options.outputPath,
                                 environment: environment)
        build.today = CalendarDate(daysSinceEpoch: Self.now / 86_400)
        _ = try await OwnThread.run { [build] in try SiteBuilder(options: build).build() }
    }

    /// The receiver's ledger opened on its own, as another process (a command, a crashed receiver) would.
    func ledger() throws -> any LedgerStore {
        let config = try SiteConfig.load(from: options.contentPath + "/config.toml")
        return try LedgerEngine.open(config: config, contentPath: options.contentPath, environment: options.environment)
    }

    /// Starts the receiver and runs `body` with a client for its live HTTP server. `logger` defaults to
    /// one that drops everything below critical.
    func withReceiver<T: Sendable>(options custom: WorkspaceOptions? = nil, logger: Logger? = nil,
                                   _ body: @Sendable (Receiver, HTTPTestClient) async throws -> T) async throws -> T {
        var quiet = Logger(label: "test")
        quiet.logLevel = .critical
        let receiver = try await Receiver.start(options: custom ?? options, logger: logger ?? quiet)
        // What `serve`'s RegenerationService does first, here before the test runs.
        await receiver.pages.recoverMarkedPages()
        let app = receiver.buildApplication(host: "127.0.0.1", port: 0)
        return try await app.test(.live) { client in
            try await body(receiver, HTTPTestClient(port: client.port!))
        }
    }

    /// Starts the receiver in preview mode on a fixed local port (the sandbox posts its callbacks to
    /// the receiver's own URL, so that URL must be real) and runs `body` against it.
    func withPreviewReceiver<T: Sendable>(now: (@Sendable () -> Date)? = nil,
                                          _ body: @Sendable (Receiver, HTTPTestClient, String) async throws -> T) async throws -> T {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let port = ReceiverHarness.freePort()
        var custom = options
        custom.previewURL = "http://127.0.0.1:\(port)"
        if let now { custom.now = now }
        let receiver = try await Receiver.start(options: custom, logger: logger)
        await receiver.pages.recoverMarkedPages()
        // Run the real application on the chosen port (the test framework would pick its own).
        let app = receiver.buildApplication(host: "127.0.0.1", port: port, siteFolder: custom.outputPath)
        let server = Task { try await app.runService() }
        defer { server.cancel() }
        let client = HTTPTestClient(port: port)
        var up = false
        for _ in 0..<200 where !up {
            up = (try? await client.send("GET", "/healthz"))?.status == 200
            if !up { try await Task.sleep(for: .milliseconds(25)) }
        }
        guard up else { throw TestFailure("the receiver did not start on port \(port)") }
        let result = try await body(receiver, client, "http://127.0.0.1:\(port)")
        await receiver.waitForPages()
        server.cancel()
        _ = await server.result
        return result
    }

    /// A port that was free a moment ago.
    static func freePort() -> Int { freeLocalPort() }

    /// The secret token of customer `id`'s page.
    func pageToken(of id: String) throws -> String {
        let config = try ContentFolder(path: options.contentPath).loadConfig()
        let secret = try LinkSecret(try SecretSource(config: config, contentFolder: options.contentPath, environment: [:]).value("link_secret"))
        let customer = try CustomerFile.load(path: folder.file("content/customers/\(id).json"), defaults: ContentDefaults(config))
        return PersonalLink.token(for: customer, secret: secret).value
    }

    /// The page of customer `id` as on disk now.
    func page(of id: String) throws -> String {
        let config = try ContentFolder(path: options.contentPath).loadConfig()
        let secret = try LinkSecret(try SecretSource(config: config, contentFolder: options.contentPath, environment: [:]).value("link_secret"))
        let customer = try CustomerFile.load(path: folder.file("content/customers/\(id).json"), defaults: ContentDefaults(config))
        return folder.read("site/" + PersonalLink.filePath(PersonalLink.token(for: customer, secret: secret)))
    }

    /// Modification times of every customer page.
    func pageDates() -> [String: Date] {
        var dates: [String: Date] = [:]
        for file in folder.files(under: "site/c") {
            dates[file] = (try? FileManager.default.attributesOfItem(atPath: folder.file("site/c/" + file)))?[.modificationDate] as? Date
        }
        return dates
    }

    /// A sandbox event body.
    static func sandboxEvent(id: String, payment: String, amount: String, customer: String = "1001", account: String = "1001-STROM",
                             invoice: String? = nil, currency: String = "EUR", type: String = "payment.succeeded",
                             refund: (id: String, amount: String)? = nil) -> [UInt8] {
        var paymentObject: [String: Any] = ["id": payment, "amount": amount, "currency": currency, "method": "paypal",
                                            "customer": customer, "account": account, "purpose": "settle"]
        if let invoice { paymentObject["invoice"] = invoice }
        var object: [String: Any] = ["id": id, "type": type, "created": now, "payment": paymentObject]
        if let refund { object["refund"] = ["id": refund.id, "amount": refund.amount] }
        return [UInt8](try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// Headers of a correctly signed sandbox callback.
    static func sandboxHeaders(_ body: [UInt8], id: String = "msg_1", timestamp: Int = now, secret: String = sandboxSecret) -> [String: String] {
        var headers = ["Content-Type": "application/json"]
        for header in WebhookSigner(scheme: .standardWebhooks, secret: secret).headers(body: body, timestamp: timestamp, id: id) {
            headers[header.name] = header.value
        }
        return headers
    }
}

/// Plain HTTP/1.1 requests with URLSession to the receiver on 127.0.0.1.
struct HTTPTestClient: Sendable {
    let port: Int

    struct Reply: Sendable, Equatable {
        let status: Int
        let body: String
    }

    func send(_ method: String = "POST", _ path: String, headers: [String: String] = [:], body: [UInt8]? = nil) async throws -> Reply {
        try await sendFull(method, path, headers: headers, body: body).reply
    }

    /// The reply and its `Location` header; redirects are not followed.
    func sendFull(_ method: String = "POST", _ path: String, headers: [String: String] = [:], body: [UInt8]? = nil) async throws
        -> (reply: Reply, location: String?) {
        var request = URLRequest(url: URL(string: path.hasPrefix("http") ? path : "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        // URLSession's 60 s default was reached on a 2-core machine running other builds beside the
        // suite; a receiver that never answers still fails the test, later.
        request.timeoutInterval = 300
        if let body { request.httpBody = Data(body) }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await NoRedirects.session.data(for: request)
        let http = response as? HTTPURLResponse
        return (Reply(status: http?.statusCode ?? 0, body: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
                http?.value(forHTTPHeaderField: "Location"))
    }

    /// The reply with its headers (names as the server sent them); redirects are not followed.
    func sendWithHeaders(_ method: String = "GET", _ path: String) async throws -> (reply: Reply, headers: [String: String]) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        let (data, response) = try await NoRedirects.session.data(for: request)
        let http = response as? HTTPURLResponse
        var headers: [String: String] = [:]
        for (name, value) in http?.allHeaderFields ?? [:] { headers["\(name)".lowercased()] = "\(value)" }
        return (Reply(status: http?.statusCode ?? 0, body: String(decoding: data, as: UTF8.self)), headers)
    }

    func sandbox(_ body: [UInt8], headers: [String: String]? = nil) async throws -> Reply {
        try await send("POST", "/callbacks/sandbox", headers: headers ?? ReceiverHarness.sandboxHeaders(body), body: body)
    }
}

extension BuildOptions {
    /// A full build of the harness's content into `output`, as of the harness's day.
    init(harness: ReceiverHarness, output: String) {
        self.init(contentPath: harness.options.contentPath, templatesPath: harness.options.templatesPath, outputPath: output,
                  today: CalendarDate(daysSinceEpoch: ReceiverHarness.now / 86_400), environment: harness.options.environment)
    }
}

/// A URLSession that reports redirects instead of following them.
final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    static let session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
