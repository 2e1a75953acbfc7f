import Hummingbird
import Logging

extension Receiver {
    /// The receiver's routes: `POST /callbacks/{provider}` and `GET /healthz`. Handlers stay thin:
    /// they read the body within the size limit and hand over to `handleCallback`.
    public func buildRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
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
        for method in [HTTPRequest.Method.get, .put, .delete, .patch] {
            router.on("/callbacks/:provider", method: method) { _, _ -> Response in
                var response = Self.plain(405, "method not allowed")
                response.headers[.allow] = "POST"
                return response
            }
        }
        return router
    }

    /// The HTTP application on `host`:`port`.
    public func buildApplication(host: String, port: Int) -> some ApplicationProtocol {
        Application(router: buildRouter(), configuration: .init(address: .hostname(host, port: port), serverName: "customer-center"),
                    logger: logger)
    }

    static func plain(_ status: Int, _ text: String) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
