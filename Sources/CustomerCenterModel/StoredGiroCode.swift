import Foundation

/// A GiroCode kept for an RF reference: the SHA-256 (first 16 bytes) of the payload it encodes, its
/// QR modules (row-major, eight to a byte) and the page's image of it (a 1-bit PNG, one pixel per
/// module; nil for codes kept by older versions). Valid only while the payload hash matches.
public struct StoredGiroCode: Sendable, Hashable {
    public var payloadHash: [UInt8]
    public var size: Int
    public var modules: [UInt8]
    public var png: [UInt8]?

    public init(payloadHash: [UInt8], size: Int, modules: [UInt8], png: [UInt8]? = nil) {
        self.payloadHash = payloadHash
        self.size = size
        self.modules = modules
        self.png = png
    }
}
