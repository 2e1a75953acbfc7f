import CustomerCenterRender
import Foundation
import Hummingbird
import Logging

/// `serve --preview` serves the site folder as the static host would: each file with the headers the
/// site's `_headers` names for its path (CSP, caching, `noindex` on personal pages), and an unknown
/// path with `404.html` and status 404. The receiver's routes come first and keep their own headers.
///
/// `_headers` and `404.html` are read once, when the application is built: `serve` builds the site
/// before that, and regeneration rewrites only personal pages.
struct PreviewSite<Context: RequestContext>: RouterMiddleware {
    let files: FileMiddleware<Context, LocalFileSystem>
    let rules: HeaderRules
    let notFoundPage: String

    init(folder: String, logger: Logger) {
        files = FileMiddleware(folder, searchForIndexHtml: true, logger: logger)
        rules = HeaderRules(parsing: (try? String(contentsOfFile: folder + "/_headers", encoding: .utf8)) ?? "")
        notFoundPage = (try? String(contentsOfFile: folder + "/404.html", encoding: .utf8)) ?? "not found\n"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError where error.status == .notFound && (request.method == .get || request.method == .head) {
            // No route: a file of the site, or the site's page for unknown paths.
            var response: Response
            do {
                response = try await files.handle(request, context: context) { _, _ in throw HTTPError(.notFound) }
            } catch let missing as HTTPResponseError where missing.status == .notFound {
                response = Response(status: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                                    body: .init(byteBuffer: ByteBuffer(string: notFoundPage)))
            }
            for header in rules.headers(for: request.uri.path) {
                if let name = HTTPFields.Element.Name(header.name) { response.headers[name] = header.value }
            }
            return response
        }
    }
}
