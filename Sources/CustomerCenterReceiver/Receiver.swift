import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterProviderEvents
import CustomerCenterRender
import CustomerCenterSigning
import Foundation
import AsyncHTTPClient
import Logging

/// The callback receiver's library: verifies provider callbacks, books them in the ledger exactly
/// once, and has the affected customers' pages regenerated. HTTP lives in `Receiver+Router.swift`;
/// everything here can be called without a socket.
public final class Receiver: Sendable {
    /// A configured provider: its settings and signature verifier.
    struct Provider: Sendable {
        let settings: ProviderSettings
        let verifier: WebhookVerifier
    }

    public let config: SiteConfig
    public let ledger: Ledger
    let providers: [String: Provider]
    let matcher: PaymentMatcher
    let regenerator: PageRegenerator
    let logger: Logger
    let now: @Sendable () -> Date
    let renderer: SiteRenderer
    let content: ContentFolder
    let defaults: ContentDefaults
    let payLinkKey: PayLinkKey?
    let checkoutProviders: [String: any CheckoutProvider]
    /// Callback senders of the sandbox providers, by provider name.
    let sandboxDeliveries: [String: SandboxDelivery]
    /// Payment requests and receipts.
    let mailer: Mailer
    /// Group commit of callback bookings.
    let bookings: BookingBatcher
    /// Callbacks being handled.
    let inFlight = InFlight()

    /// Loads content, templates, secrets and the ledger, then rewrites any page a crash left behind.
    public static func start(options: ReceiverOptions, logger: Logger = Logger(label: "customer-center")) async throws(BuildError) -> Receiver {
        var buildOptions = BuildOptions(contentPath: options.contentPath, templatesPath: options.templatesPath,
                                        outputPath: options.outputPath, environment: options.environment)
        buildOptions.previewURL = options.previewURL
        let builder = SiteBuilder(options: buildOptions)
        let loaded = try builder.load()
        let config = loaded.renderer.config
        let payLinkKey = try builder.loadPayLinkKey(config: config)
        let secrets: SecretSource
        do {
            secrets = try SecretSource(config: config, contentFolder: options.contentPath, environment: options.environment)
        } catch {
            throw BuildError(step: "load secrets", problems: [error.description])
        }
        var providers: [String: Provider] = [:]
        for (name, settings) in config.providers {
            let keys: [String]
            do { keys = try secrets.values(settings.secretName) } catch {
                throw BuildError(step: "load secrets", problems: [error.description])
            }
            let scheme = WebhookScheme(rawValue: settings.scheme) ?? .hmacSHA256
            providers[name] = Provider(settings: settings,
                                       verifier: WebhookVerifier(scheme: scheme, secrets: keys, tolerance: config.receiver.timestampToleranceSeconds))
        }
        let ledger: Ledger
        do { ledger = try Ledger(path: config.receiver.ledgerPath) } catch {
            throw BuildError(step: "open the ledger", problems: [error.description])
        }
        let writer: PageWriter
        do {
            writer = try PageWriter(root: options.outputPath)
            // A receiver or build killed mid-write leaves its temporary file: gone before anything is published.
            let strays = try writer.removeStrayTemporaryFiles()
            if !strays.isEmpty {
                logger.notice("removed temporary files left by an interrupted write", metadata: ["count": "\(strays.count)"])
            }
        } catch {
            throw BuildError(step: "open the output folder", problems: [error.description])
        }
        let publisher = config.receiver.publishCommand.map {
            PublishRunner(command: $0, debounceSeconds: config.receiver.publishDebounceSeconds,
                          timeoutSeconds: config.receiver.publishTimeoutSeconds,
                          workingDirectory: FileManager.default.currentDirectoryPath, logger: logger,
                          beforeRun: {
                              do { try writer.removeStrayTemporaryFiles(searchingTree: false) } catch {
                                  logger.error("cannot remove temporary files before publishing", metadata: ["reason": "\(error)"])
                              }
                          })
        }
        let regenerator = PageRegenerator(
            renderer: loaded.renderer, writer: writer, ledger: ledger, content: loaded.content, logger: logger,
            now: options.now, afterWrite: { await publisher?.requestPublish() })
        var checkoutProviders: [String: any CheckoutProvider] = [:]
        for (name, settings) in config.providers where settings.format == .stripe && config.payLinks.provider == name {
            // Only the provider that takes pay links needs an API key.
            let key: String
            do { key = try secrets.value(settings.apiKeyName) } catch {
                throw BuildError(step: "load secrets", problems: [error.description])
            }
            checkoutProviders[name] = StripeCheckout(apiBase: settings.apiBase ?? "https://api.stripe.com", apiKey: key,
                                                     merchantName: config.merchant.name, client: HTTPClient.shared)
        }
        var sandboxDeliveries: [String: SandboxDelivery] = [:]
        for (name, settings) in config.providers where settings.canSandboxCheckout {
            checkoutProviders[name] = SandboxCheckout(receiverURL: config.receiverURL)
            if let secret = providers[name]?.verifier.secrets.first, let endpoint = URL(string: config.receiverURL + "/callbacks/" + name) {
                sandboxDeliveries[name] = SandboxDelivery(endpoint: endpoint, signer: WebhookSigner(scheme: .standardWebhooks, secret: secret),
                                                          logger: logger, attempts: 6)
            }
        }
        if config.paymentMethods.contains(.transfer) {
            let missing = SiteRenderer.emailTemplates.filter { !loaded.renderer.hasTemplate($0) }
            guard missing.isEmpty else {
                throw BuildError(step: "load templates", problems: missing.map {
                    "\(options.templatesPath)/\($0).mustache: missing email template (needed for bank transfers)"
                })
            }
        }
        let mailer = Mailer(settings: config.email, ledger: ledger, logger: logger, now: options.now, timeZone: config.timeZone)
        let receiver = Receiver(config: config, ledger: ledger, providers: providers,
                                matcher: PaymentMatcher(content: loaded.content, defaults: loaded.defaults),
                                regenerator: regenerator, logger: logger, now: options.now, renderer: loaded.renderer,
                                content: loaded.content, defaults: loaded.defaults, payLinkKey: payLinkKey,
                                checkoutProviders: checkoutProviders, sandboxDeliveries: sandboxDeliveries, mailer: mailer)
        if let previewURL = options.previewURL {
            // The preview's pages must point at the local receiver, with everything the ledger knows.
            _ = try SiteBuilder(options: buildOptions.reading(ledger, config: config, now: options.now)).build()
            logger.notice("preview: open \(previewURL)/ (personal links: `customer-center links`, with the same URL)")
        }
        if config.providers.values.contains(where: \.canSandboxCheckout) {
            logger.warning("a sandbox provider is configured: its checkout books money nobody paid. Never use it in production.")
        }
        await regenerator.recoverMarkedPages()
        return receiver
    }

    init(config: SiteConfig, ledger: Ledger, providers: [String: Provider], matcher: PaymentMatcher,
         regenerator: PageRegenerator, logger: Logger, now: @escaping @Sendable () -> Date, renderer: SiteRenderer,
         content: ContentFolder, defaults: ContentDefaults, payLinkKey: PayLinkKey?,
         checkoutProviders: [String: any CheckoutProvider], sandboxDeliveries: [String: SandboxDelivery], mailer: Mailer) {
        self.config = config
        self.ledger = ledger
        self.providers = providers
        self.matcher = matcher
        self.regenerator = regenerator
        self.logger = logger
        self.now = now
        self.renderer = renderer
        self.content = content
        self.defaults = defaults
        self.payLinkKey = payLinkKey
        self.checkoutProviders = checkoutProviders
        self.sandboxDeliveries = sandboxDeliveries
        self.mailer = mailer
        self.bookings = BookingBatcher(ledger: ledger, dateOf: { [config] in config.day(ofUnixTime: $0) })
    }

    /// True when `name` is a configured provider.
    public func knowsProvider(_ name: String) -> Bool { providers[name] != nil }

    /// Handles one callback whose body was read (at most `max_body_bytes`). `header` looks up a header
    /// by lower-case name. The answer is 2xx only once the event is durably in the ledger.
    public func handleCallback(provider name: String, contentType: String?, header: (String) -> String?,
                               body: [UInt8]) async -> CallbackResponse {
        await inFlight.enter()
        let response = await handleCallbackCounted(provider: name, contentType: contentType, header: header, body: body)
        await inFlight.leave()
        return response
    }

    private func handleCallbackCounted(provider name: String, contentType: String?, header: (String) -> String?,
                                       body: [UInt8]) async -> CallbackResponse {
        let started = Date()
        var metadata: Logger.Metadata = ["provider": "\(name)"]
        func finish(_ status: Int, _ text: String, outcome: String, reason: String? = nil) -> CallbackResponse {
            metadata["outcome"] = "\(outcome)"
            metadata["status"] = "\(status)"
            metadata["duration_ms"] = "\(String(format: "%.1f", Date().timeIntervalSince(started) * 1000))"
            if let reason { metadata["reason"] = "\(reason)" }
            if status >= 400 {
                logger.warning("callback refused", metadata: metadata)
            } else {
                logger.info("callback", metadata: metadata)
            }
            return CallbackResponse(status: status, body: text)
        }
        guard let provider = providers[name] else {
            return finish(404, "unknown provider", outcome: "refused", reason: "unknown provider")
        }
        guard let contentType, contentType.lowercased().hasPrefix("application/json") else {
            return finish(415, "unsupported media type", outcome: "refused", reason: "content type \(contentType ?? "(none)")")
        }
        let nowSeconds = Int(now().timeIntervalSince1970)
        do {
            try provider.verifier.verify(body: body, header: header, now: nowSeconds)
        } catch {
            let status = switch error {
            case .missingHeader, .malformedHeader, .noSupportedSignature: 400
            case .signatureMismatch, .timestampOutsideTolerance, .noSecretConfigured: 401
            }
            return finish(status, status == 400 ? "bad signature header" : "invalid signature", outcome: "refused", reason: error.description)
        }
        let event: PaymentEvent?
        do {
            switch provider.settings.format {
            case .stripe: event = try StripeEventParser.parse(body, provider: name, now: nowSeconds)
            case .sandbox: event = try SandboxEventParser.parse(body, provider: name, now: nowSeconds)
            }
        } catch {
            return finish(error.status, error.body, outcome: "refused", reason: error.reason)
        }
        guard var event else { return finish(200, "ignored", outcome: "ignored") }
        metadata["event"] = "\(event.eventID)"
        if event.kind == .refund, let original = try? ledger.payment(provider: name, paymentID: event.paymentID) {
            // A refund belongs where its payment went, whatever its own metadata says (often nothing).
            event.customerID = original.customerID
            event.accountID = original.accountID
        }
        let target = matcher.target(for: event)
        let outcome: BookingOutcome
        switch await bookings.book(Ledger.BookingRequest(event: event, target: target, receivedAt: nowSeconds)) {
        case .success(let booked): outcome = booked
        case .failure(let error):
            // Our failure, not the provider's: it retries, and nothing was acknowledged.
            metadata["reason"] = "\(error.action): \(error.reason)"
            metadata["status"] = "503"
            logger.error("booking failed", metadata: metadata)
            return CallbackResponse(status: 503, body: "try again later")
        }
        if case .booked(let customerID) = outcome {
            metadata["customer"] = "\(customerID)"
            await regenerator.schedule(customerID)
        }
        if case .unmatched(let reason) = outcome { metadata["reason"] = "\(reason)" }
        return finish(200, outcome.label, outcome: outcome.label)
    }

    /// Housekeeping while serving: every `interval`, expire stale transfer announcements and retry
    /// emails that are due. Returns when the task is cancelled.
    public func runMaintenance(interval: Duration = .seconds(60)) async {
        while !Task.isCancelled {
            await expireTransfers()
            _ = try? await mailer.deliverNow()  // a failure is logged by the mailer and retried next round
            try? await Task.sleep(for: interval)
        }
    }

    /// Delivers every undelivered email now (`customer-center emails --retry`), failed ones included.
    /// Throws when the queue cannot be changed or read: nothing was tried then.
    public func retryEmails() async throws(LedgerError) -> (sent: Int, failed: Int) {
        try ledger.requeueUndeliveredEmails(now: Int(now().timeIntervalSince1970))
        return try await mailer.deliverNow()
    }

    /// Returns once no email delivery is running (for tests and commands about to exit).
    public func waitForEmails() async {
        await mailer.idle()
    }

    /// Rewrites one customer's page now, exactly as after a booking; false when it failed (logged).
    public func regeneratePage(_ customerID: String) -> Bool {
        regenerator.regenerateNow(customerID)
    }

    /// Returns once every scheduled page has been written (for tests and orderly shutdown).
    public func waitForPages() async {
        await inFlight.idle()
        await regenerator.idle()
        await mailer.idle()
    }
}
