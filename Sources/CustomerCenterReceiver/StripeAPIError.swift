import Foundation

/// Stripe's error object (`{"error": {"type", "code", "param", "message"}}` in the answer to a failed
/// request), reduced to what tells an operator why a checkout failed, e.g. `payment_method_types`
/// naming a method not activated in the account. Only for the log: each field is cut short, secrets
/// are blanked out and control characters escaped, so the answer can neither leak a key nor forge
/// log lines.
struct StripeAPIError: Equatable, Sendable, CustomStringConvertible {
    var type: String?
    var code: String?
    var param: String?
    var message: String?

    /// The error object in a JSON answer, with `secret` (the API key) blanked wherever it appears;
    /// nil when the body has none.
    init?(body: Data, hiding secret: String) {
        guard let root = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let error = root["error"] as? [String: Any] else { return nil }
        func field(_ key: String) -> String? {
            guard let text = error[key] as? String else { return nil }
            return secret.isEmpty ? text : text.replacingOccurrences(of: secret, with: "[redacted]")
        }
        type = field("type")
        code = field("code")
        param = field("param")
        message = field("message")
        if type == nil, code == nil, param == nil, message == nil { return nil }
    }

    /// `type=… code=… param=… message="…"`, the fields Stripe sent.
    var description: String {
        var parts: [String] = []
        for (name, value) in [("type", type), ("code", code), ("param", param), ("message", message)] {
            if let value { parts.append("\(name)=\(Self.quoted(value))") }
        }
        return parts.joined(separator: " ")
    }

    /// The longest text kept of one field.
    static let maximumLength = 300

    /// `text` safe for one log line: secrets blanked, at most `maximumLength` characters, in quotes with
    /// `"`, `\` and control or invisible characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in redacted(text).unicodeScalars.prefix(maximumLength) {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default:
                switch scalar.properties.generalCategory {
                case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                default:
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Key-like words blanked: Stripe echoes a wrong key in its message, partly masked
    /// (`Invalid API Key provided: sk_test_****1234`); none of it goes to the log.
    static func redacted(_ text: String) -> String {
        let prefixes = ["sk_", "rk_", "pk_", "whsec_"]
        var result = ""
        var word = ""
        func flush() {
            result += prefixes.contains(where: word.hasPrefix) ? "[redacted]" : word
            word = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "_" || character == "*" {
                word.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }
}
