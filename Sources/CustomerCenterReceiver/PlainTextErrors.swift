import Hummingbird

/// Answers the router's own refusals (no such route, a method a route does not take) with a short
/// plain-text body, like every other refusal of the receiver, instead of an empty one.
struct PlainTextErrors<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError {
            let status = error.status
            // Hummingbird's errors carry no body of ours: say what the status says, in lower case.
            return Receiver.plain(Int(status.code), status.reasonPhrase.lowercased())
        }
    }
}
