import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

extension Receiver {
    /// The receiver's routes: `POST /callbacks/{provider}` and `GET /healthz`. Handlers stay thin:
    /// they read the body within the size limit and hand over to `handleCallback`.
    public func buildRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: PlainTextErrors())
        let maxBytes = config.receiver.maxBodyBytes
        router.get("/healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.post("/callbacks/:provider") { request, context -> Response in
            let provider = context.parameters.get("provider") ?? ""
            guard self.knowsProvider(provider) else {
                self.logger.warning("callback refused", metadata: ["provider": "\(provider)", "status": "404", "reason": "unknown provider"])
                return Self.plain(404, "unknown provider")
            }
            if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
                self.logger.warning("callback refused", metadata: ["provider": "\(provider)", "status": "413", "reason": "body of \(length) bytes"])
                return Self.plain(413, "payload too large")
            }
            var request = request
            let buffer: ByteBuffer
            do {
                buffer = try await request.collectBody(upTo: maxBytes)
            } catch let error as HTTPResponseError where error.status == .contentTooLarge {
                self.logger.warning("callback refused", metadata: ["provider": "\(provider)", "status": "413", "reason": "body over \(maxBytes) bytes"])
                return Self.plain(413, "payload too large")
            } catch {
                self.logger.warning("callback refused", metadata: ["provider": "\(provider)", "status": "400", "reason": "unreadable body"])
                return Self.plain(400, "bad request")
            }
            let headers = request.headers
            let response = await self.handleCallback(
                provider: provider, contentType: headers[.contentType],
                header: { name in headers.first { $0.name.canonicalName == name }?.value },
                body: Array(buffer.readableBytesView))
            return Self.plain(response.status, response.body)
        }
        router.get("/pay") { request, _ -> Response in
            let query = PayQuery(query: request.uri.query)
            return self.html(await self.handlePay(token: query.token, amount: query.amount, method: query.method,
                                                  invoices: query.invoices))
        }
        router.get("/topup") { request, _ -> Response in
            let query = PayQuery(query: request.uri.query)
            return self.html(await self.handleTopUp(token: query.token, amount: query.amount))
        }
        router.get("/return") { request, _ -> Response in
            self.html(await self.handleReturn(checkoutID: request.uri.queryParameters.get("checkout")))
        }
        router.get("/cancel") { request, _ -> Response in
            self.html(await self.handleCancel(checkoutID: request.uri.queryParameters.get("checkout")))
        }
        router.get("/sandbox/checkout/:id") { _, context -> Response in
            self.html(self.sandboxCheckoutPage(checkoutID: context.parameters.get("id") ?? ""))
        }
        router.post("/sandbox/checkout/:id") { request, context -> Response in
            var request = request
            guard let buffer = try? await request.collectBody(upTo: 4_096) else { return Self.plain(413, "payload too large") }
            // Hummingbird's form decoding: `+` and percent escapes as browsers send them.
            let form = (try? URLEncodedFormDecoder().decode(SandboxCheckoutForm.self, from: String(buffer: buffer))) ?? SandboxCheckoutForm()
            return self.html(await self.sandboxCheckoutSubmit(checkoutID: context.parameters.get("id") ?? "", form: form))
        }
        for method in [HTTPRequest.Method.get, .put, .delete, .patch] {
            router.on("/callbacks/:provider", method: method) { _, _ -> Response in
                var response = Self.plain(405, "method not allowed")
                response.headers[.allow] = "POST"
                return response
            }
        }
        return router
    }

    /// The HTTP application on `host`:`port`; with `siteFolder`, it also serves the site (local preview).
    /// With `background`, page regeneration and maintenance run as services of the application's
    /// service group (`serve`): started with it and shut down after the server, in that order, on
    /// SIGTERM or SIGINT. Tests leave them out and drive the application directly.
    public func buildApplication(host: String, port: Int, siteFolder: String? = nil, background: Bool = false) -> some ApplicationProtocol {
        let router = buildRouter()
        if let siteFolder {
            router.add(middleware: PreviewSite(folder: siteFolder, logger: logger))
        }
        // Shut down in reverse order, after the server: maintenance first, then the pages.
        let services: [any Service] = background
            ? [RegenerationService(receiver: self), MaintenanceService(receiver: self, interval: .seconds(60))] : []
        return Application(router: router,
                           server: .http1(configuration: .init(additionalChannelHandlers: [ProtocolErrorResponder()])),
                           configuration: .init(address: .hostname(host, port: port), serverName: "customer-center"),
                           services: services, logger: logger)
    }

    /// A customer-facing page: private, never cached, never indexed, no referrer, no script.
    func html(_ page: ReceiverPage) -> Response {
        // Styles and the icon come from the published site (its origin), forms go only to this receiver.
        let siteOrigin = URLComponents(string: config.baseURL).map { "\($0.scheme ?? "https")://\($0.host ?? "")" + ($0.port.map { ":\($0)" } ?? "") } ?? "'self'"
        var headers: HTTPFields = [
            .cacheControl: "no-store",
            .contentSecurityPolicy: "default-src 'none'; style-src 'self' \(siteOrigin); img-src 'self' \(siteOrigin) data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ]
        for (name, value) in [("Referrer-Policy", "no-referrer"), ("X-Robots-Tag", "noindex, nofollow")] {
            if let name = HTTPFields.Element.Name(name) { headers[name] = value }
        }
        if let location = page.location {
            headers[.location] = location
            return Response(status: .init(code: page.status), headers: headers)
        }
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .init(code: page.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: page.html ?? "")))
    }

    static func plain(_ status: Int, _ text: String) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
