import CustomerCenterApplication
import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterProviderEvents
import CustomerCenterRender
import CustomerCenterSigning
import Foundation
import AsyncHTTPClient
import Logging

/// The HTTP edge over the application: verifies provider callbacks and reads their bodies, hands the
/// events to `PaymentBooking`, and serves the customers' pay flow (`/pay`, `/topup`, `/return`,
/// `/cancel`, the sandbox checkout) with the checkout adapters. Everything that is not HTTP lives in
/// CustomerCenterApplication; routes are in `Receiver+Router.swift`, background work in the
/// services of `Receiver+Services.swift`.
public final class Receiver: Sendable {
    /// A configured provider: its settings and signature verifier.
    struct Provider: Sendable {
        let settings: ProviderSettings
        let verifier: WebhookVerifier
    }

    /// What the receiver works on.
    public let workspace: Workspace
    public let config: SiteConfig
    public let ledger: any LedgerStore
    /// The renderer as loaded (texts, templates); pages take today's from the workspace.
    let renderer: SiteRenderer
    let providers: [String: Provider]
    /// Callbacks into the ledger, exactly once.
    public let bookings: PaymentBooking
    /// Pages of customers whose money changed.
    public let pages: PageRegenerator
    /// Payment requests and receipts.
    public let mailer: Mailer
    /// Top-up requests, approvals, rejections, expiry.
    public let transfers: BankTransfers
    let payLinkKey: PayLinkKey?
    let checkoutProviders: [String: any CheckoutProvider]
    /// Callback senders of the sandbox providers, by provider name.
    let sandboxDeliveries: [String: SandboxDelivery]
    /// Callbacks being handled.
    let inFlight = InFlight()

    var logger: Logger { workspace.logger }
    var now: @Sendable () -> Date { workspace.options.now }

    /// Opens what the receiver needs: the site (configuration, templates, the site's secrets), every
    /// provider's signing secrets and the checkout provider's API key, the ledger and the output
    /// folder. It does not read every customer file: each is read when a callback or page needs it.
    public static func start(options: WorkspaceOptions, logger: Logger = Logger(label: "customer-center")) async throws(WorkspaceError) -> Receiver {
        let workspace = Workspace(options: options, logger: logger)
        let site = try workspace.site()
        let config = site.renderer.config
        var providers: [String: Provider] = [:]
        var missing: [String] = []
        // In name order, and every missing secret at once: the merchant fixes them in one go, and
        // the message does not depend on a dictionary's order.
        for (name, settings) in config.providers.sorted(by: { $0.key < $1.key }) {
            let keys: [String]
            do { keys = try workspace.secretValues(settings.secretName) } catch {
                missing += error.problems
                continue
            }
            let scheme = WebhookScheme(rawValue: settings.scheme) ?? .hmacSHA256
            providers[name] = Provider(settings: settings,
                                       verifier: WebhookVerifier(scheme: scheme, secrets: keys, tolerance: config.receiver.timestampToleranceSeconds))
        }
        if !missing.isEmpty { throw WorkspaceError("load secrets", problems: missing) }
        let ledger = try workspace.ledger()
        let writer = try workspace.writer()
        do {
            // A receiver or build killed mid-write leaves its temporary file: gone before anything is published.
            let strays = try writer.removeStrayTemporaryFiles()
            if !strays.isEmpty {
                logger.notice("removed temporary files left by an interrupted write", metadata: ["count": "\(strays.count)"])
            }
        } catch {
            throw WorkspaceError("open the output folder", problems: [error.description])
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
        let pages = try PageRegenerator(workspace: workspace, afterWrite: { await publisher?.requestPublish() })
        var checkoutProviders: [String: any CheckoutProvider] = [:]
        for (name, settings) in config.providers where settings.format == .stripe && config.payLinks.provider == name {
            // Only the provider that takes pay links needs an API key.
            let key = try workspace.secret(settings.apiKeyName)
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
            let missing = SiteRenderer.emailTemplates.filter { !site.renderer.hasTemplate($0) }
            guard missing.isEmpty else {
                throw WorkspaceError("load templates", problems: missing.map {
                    "\(options.templatesPath)/\($0).mustache: missing email template (needed for bank transfers)"
                })
            }
        }
        let mailer = try Mailer(workspace: workspace)
        let receiver = Receiver(
            workspace: workspace, config: config, ledger: ledger, renderer: site.renderer, providers: providers,
            bookings: try PaymentBooking(workspace: workspace), pages: pages, mailer: mailer,
            transfers: try BankTransfers(workspace: workspace, mailer: mailer, pages: pages),
            payLinkKey: site.renderer.payLinkKey, checkoutProviders: checkoutProviders, sandboxDeliveries: sandboxDeliveries)
        if let previewURL = options.previewURL {
            // The preview's pages must point at the local receiver, with everything the ledger knows.
            var build = BuildOptions(contentPath: options.contentPath, templatesPath: options.templatesPath,
                                     outputPath: options.outputPath, environment: options.environment)
            build.previewURL = previewURL
            do { _ = try SiteBuilder(options: build.reading(ledger, config: config, now: options.now)).build() } catch {
                throw WorkspaceError(error.step.title, problems: error.problems)
            }
            logger.notice("preview: open \(previewURL)/ (personal links: `customer-center links`, with the same URL)")
        }
        if config.providers.values.contains(where: \.canSandboxCheckout) {
            logger.warning("a sandbox provider is configured: its checkout books money nobody paid. Never use it in production.")
        }
        return receiver
    }

    init(workspace: Workspace, config: SiteConfig, ledger: any LedgerStore, renderer: SiteRenderer, providers: [String: Provider],
         bookings: PaymentBooking, pages: PageRegenerator, mailer: Mailer, transfers: BankTransfers, payLinkKey: PayLinkKey?,
         checkoutProviders: [String: any CheckoutProvider], sandboxDeliveries: [String: SandboxDelivery]) {
        self.workspace = workspace
        self.config = config
        self.ledger = ledger
        self.renderer = renderer
        self.providers = providers
        self.bookings = bookings
        self.pages = pages
        self.mailer = mailer
        self.transfers = transfers
        self.payLinkKey = payLinkKey
        self.checkoutProviders = checkoutProviders
        self.sandboxDeliveries = sandboxDeliveries
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
        guard let event else { return finish(200, "ignored", outcome: "ignored") }
        metadata["event"] = "\(event.eventID)"
        let outcome: BookingOutcome
        switch await bookings.book(event, receivedAt: nowSeconds) {
        case .success(let booked): outcome = booked
        case .failure(let failure):
            // Our failure (or the merchant's content), not the provider's: it retries, and nothing
            // was acknowledged.
            metadata["reason"] = "\(failure)"
            metadata["status"] = "503"
            logger.error("booking failed", metadata: metadata)
            return CallbackResponse(status: 503, body: "try again later")
        }
        if case .booked(let customerID) = outcome {
            metadata["customer"] = "\(customerID)"
            await pages.schedule(customerID)
        }
        if case .unmatched(let reason) = outcome { metadata["reason"] = "\(reason)" }
        return finish(200, outcome.label, outcome: outcome.label)
    }

    /// Returns once every scheduled page has been written and no email delivery runs (for tests and
    /// orderly shutdown).
    public func waitForPages() async {
        await inFlight.idle()
        await pages.idle()
        pages.releaseSpares()
        await mailer.idle()
    }
}
