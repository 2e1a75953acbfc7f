/// Why a callback's signature was refused. The descriptions go to logs, never to the caller, and never
/// contain a secret or the expected signature.
public enum WebhookVerificationError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingHeader(String)
    case malformedHeader(String)
    case noSupportedSignature
    /// `ageSeconds` is nil when the distance does not even fit an integer.
    case timestampOutsideTolerance(ageSeconds: Int?)
    case signatureMismatch
    case noSecretConfigured

    public var description: String {
        switch self {
        case .missingHeader(let name): "missing signature header \(name)"
        case .malformedHeader(let name): "malformed signature header \(name)"
        case .noSupportedSignature: "no signature of a supported scheme version"
        case .timestampOutsideTolerance(let age?): "timestamp outside the tolerance (\(age) s from now)"
        case .timestampOutsideTolerance(nil): "timestamp outside the tolerance (not a plausible time)"
        case .signatureMismatch: "signature does not match"
        case .noSecretConfigured: "no secret configured for this provider"
        }
    }
}
