import CustomerCenterContent
import CustomerCenterSigning
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging

/// Delivers the sandbox provider's signed callbacks over real HTTP to `/callbacks/sandbox`, retrying
/// on failure as real providers do (1, 2, 4 ... seconds, up to `attempts` times).
struct SandboxDelivery: Sendable {
    let endpoint: URL
    let signer: WebhookSigner
    let logger: Logger
    let attempts: Int

    /// Sends `body` (signed now) until it is answered 2xx or the attempts run out. Returns the last status.
    @discardableResult
    func deliver(_ body: [UInt8], messageID: String, now: @Sendable () -> Date) async -> Int {
        var status = 0
        for attempt in 1...attempts {
            var request = URLRequest(url: endpoint)
            request.httpMethod = "POST"
            request.httpBody = Data(body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            for header in signer.headers(body: body, timestamp: Int(now().timeIntervalSince1970), id: messageID) {
                request.setValue(header.value, forHTTPHeaderField: header.name)
            }
            do {
                let (_, response) = try await URLSession.shared.data(for: request)
                status = (response as? HTTPURLResponse)?.statusCode ?? 0
            } catch {
                status = 0
            }
            if (200..<300).contains(status) { return status }
            guard attempt < attempts else { break }
            logger.warning("sandbox callback not accepted; retrying", metadata: ["status": "\(status)", "attempt": "\(attempt)"])
            try? await Task.sleep(for: .seconds(1 << min(attempt - 1, 5)))
        }
        logger.error("sandbox callback gave up", metadata: ["status": "\(status)", "message": "\(messageID)"])
        return status
    }
}
