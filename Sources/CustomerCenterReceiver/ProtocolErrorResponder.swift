import Hummingbird
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Gives the refusals that the HTTP layer makes itself (a request that cannot be parsed: bad framing,
/// headers over the decoder's limits) the same short plain-text bodies as the receiver's own
/// refusals, instead of Hummingbird's empty 400: `400 bad request`, `431 request header fields too
/// large`. It sits between the HTTP decoder and Hummingbird, notes the parser's error on its way in,
/// and rewrites the empty answer Hummingbird then writes for it.
final class ProtocolErrorResponder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var parserError: HTTPParserError?
    private var responseStarted = false
    private var replacing = false

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if let error = error as? HTTPParserError, !responseStarted { parserError = error }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        switch part {
        case .head(let head) where parserError != nil && head.status == .badRequest && !replacing:
            replacing = true
            let (status, text) = parserError == .headerOverflow
                ? (HTTPResponse.Status(code: 431, reasonPhrase: "Request Header Fields Too Large"), "request header fields too large\n")
                : (HTTPResponse.Status.badRequest, "bad request\n")
            var fields = HTTPFields()
            fields[.connection] = "close"
            fields[.contentType] = "text/plain; charset=utf-8"
            fields[.contentLength] = "\(text.utf8.count)"
            context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: fields))), promise: nil)
            context.write(wrapOutboundOut(.body(ByteBuffer(string: text))), promise: promise)
        case .head:
            responseStarted = true
            context.write(data, promise: promise)
        case .body, .end:
            context.write(data, promise: promise)
        }
    }
}
