import Foundation

/// A GiroCode kept for an RF reference: the SHA-256 (first 16 bytes) of the payload it encodes and
/// its QR modules, row-major, eight to a byte. Valid only while the payload hash matches.
public struct StoredGiroCode: Sendable, Hashable {
    public var payloadHash: [UInt8]
    public var size: Int
    public var modules: [UInt8]

    public init(payloadHash: [UInt8], size: Int, modules: [UInt8]) {
        self.payloadHash = payloadHash
        self.size = size
        self.modules = modules
    }
}
