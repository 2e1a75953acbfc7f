import Foundation

/// The repeated fields of a pay link's query as a browser sends a GET form: `invoice=A&invoice=B`,
/// `application/x-www-form-urlencoded` (a space as `+`, anything else percent-encoded). Hummingbird's
/// query map keeps one value per name, so the ticked invoices are read from the raw query here.
enum PayQuery {
    /// Every value of `name` in `query`, decoded, in order; empty values are kept (a tampered link
    /// is refused by the selection check, not silently dropped).
    static func values(named name: String, in query: String?) -> [String] {
        guard let query else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).compactMap { pair -> String? in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard decode(parts[0]) == name else { return nil }
            // An undecodable value (a stray `%`) cannot name an invoice; it stays as written and fails the check.
            return parts.count == 2 ? (decode(parts[1]) ?? String(parts[1])) : ""
        }
    }

    /// `value` for a query: letters, digits and `-._~` as they are, anything else percent-encoded.
    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
