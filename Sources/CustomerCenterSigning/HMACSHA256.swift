import COpenSSL

/// HMAC-SHA256 through OpenSSL's libcrypto. The only place that calls OpenSSL's HMAC.
public enum HMACSHA256 {
    /// Length of a tag in bytes.
    public static let byteCount = 32

    /// The HMAC-SHA256 tag of `message` under `key`.
    public static func authenticate(_ message: some Collection<UInt8>, key: some Collection<UInt8>) -> [UInt8] {
        let keyBytes = Array(key)
        let messageBytes = Array(message)
        var tag = [UInt8](repeating: 0, count: byteCount)
        var length: UInt32 = 0
        let result = keyBytes.withUnsafeBufferPointer { keyBuffer in
            messageBytes.withUnsafeBufferPointer { messageBuffer in
                tag.withUnsafeMutableBufferPointer { tagBuffer in
                    // A zero-length key or message still needs a valid pointer for OpenSSL.
                    HMAC(EVP_sha256(),
                         keyBuffer.baseAddress ?? UnsafePointer(bitPattern: 1), Int32(keyBuffer.count),
                         messageBuffer.baseAddress ?? UnsafePointer(bitPattern: 1), messageBuffer.count,
                         tagBuffer.baseAddress, &length)
                }
            }
        }
        // HMAC only fails when libcrypto itself is broken (out of memory); nothing sensible can go on.
        precondition(result != nil && length == UInt32(byteCount), "OpenSSL HMAC-SHA256 failed")
        return tag
    }

    /// The HMAC-SHA256 tag of a UTF-8 string under a UTF-8 key.
    public static func authenticate(_ message: String, key: String) -> [UInt8] {
        authenticate(Array(message.utf8), key: Array(key.utf8))
    }

    /// True when `tag` is the HMAC of `message` under `key`, compared in constant time.
    public static func isValid(_ tag: some Collection<UInt8>, for message: some Collection<UInt8>, key: some Collection<UInt8>) -> Bool {
        ConstantTime.equals(Array(tag), authenticate(message, key: key))
    }
}
