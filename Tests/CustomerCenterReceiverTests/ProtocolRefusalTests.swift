import CustomerCenterTestSupport
import Testing

/// Refusals the HTTP layer makes before a route runs carry short plain-text bodies too.
@Suite struct ProtocolRefusalTests {
    private func body(of answer: String) -> String {
        answer.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
    }

    @Test func badFramingOversizedHeadersAndUnknownRoutesAreAnsweredInPlainText() async throws {
        let harness = try await ReceiverHarness()
        try await harness.withReceiver { _, client async throws in
            let port = client.port
            let garbage = rawHTTPExchange(port: port, Array("GARBAGE\r\n\r\n".utf8))
            #expect(garbage.hasPrefix("HTTP/1.1 400"), "\(garbage)")
            #expect(body(of: garbage) == "bad request\n")
            #expect(garbage.lowercased().contains("content-type: text/plain; charset=utf-8"))

            let framing = rawHTTPExchange(port: port, Array(
                "POST /callbacks/sandbox HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nhello".utf8))
            #expect(framing.hasPrefix("HTTP/1.1 400") && body(of: framing) == "bad request\n", "\(framing)")

            let big = rawHTTPExchange(port: port, Array("POST /callbacks/sandbox HTTP/1.1\r\nHost: x\r\nX-Big: ".utf8)
                + [UInt8](repeating: UInt8(ascii: "a"), count: 200_000) + Array("\r\n\r\n".utf8))
            #expect(big.hasPrefix("HTTP/1.1 431"), "\(big.prefix(200))")
            #expect(body(of: big) == "request header fields too large\n")

            #expect(try await client.send("GET", "/no-such-route") == .init(status: 404, body: "not found"))
            #expect(try await client.send("GET", "/healthz").status == 200)
        }
    }
}
