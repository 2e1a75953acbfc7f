import CustomerCenterModel
import CustomerCenterSigning
import Synchronization

/// GiroCodes drawn before, for the pages being rendered now (one build chunk, or one regenerated
/// page), by printed RF reference.
///
/// Encoding a QR code (libqrencode scores all eight masks, as the standard asks) was a third of a
/// page's CPU, and a reference's code changes only when its amount does. A kept code is used only
/// when the SHA-256 of today's payload matches the one it was drawn for; otherwise the code is drawn
/// again and offered back (`drawn`) for the caller to keep.
public final class GiroCodeCache: Sendable {
    private let kept: [String: StoredGiroCode]
    private let fresh = Mutex<[String: StoredGiroCode]>([:])

    public init(kept: [String: StoredGiroCode]) {
        self.kept = kept
    }

    /// The page's image tag (`QRCode.imageTag`) of `payload` for `reference`: from the kept image if
    /// it is of exactly this payload, else from the kept modules or a new code, and then kept with
    /// its image. The image was most of what a kept code still cost (PNG and zlib for every page).
    func imageTag(reference: String, payload: String, label: String) -> String? {
        let hash = Array(SHA256.hash(Array(payload.utf8)).prefix(16))
        let stored = kept[reference].flatMap { $0.payloadHash == hash ? $0 : nil }
        if let stored, let png = stored.png { return QRCode.imageTag(png: png, size: stored.size, label: label) }
        guard let code = stored.flatMap({ QRCode(size: $0.size, packed: $0.modules) }) ?? QRCode(payload) else { return nil }
        let png = code.png(scale: 1)
        fresh.withLock { $0[reference] = StoredGiroCode(payloadHash: hash, size: code.size, modules: code.packedModules, png: png) }
        return QRCode.imageTag(png: png, size: code.size, label: label)
    }

    /// Codes drawn anew here, to keep for the next render.
    public var drawn: [String: StoredGiroCode] { fresh.withLock { $0 } }
}
