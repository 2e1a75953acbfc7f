import Foundation
import Hummingbird

/// What the pages' pay forms and links send to `/pay` and `/topup`, read as a browser encodes a GET
/// form (`application/x-www-form-urlencoded`): `+` is a space and `%XX` a byte. Hummingbird's
/// `queryParameters` keeps `+` as it is, so `20 €` typed into the field arrived as `20+€`.
///
/// The ticked invoices of a selection come as `invoice=A&invoice=B`; Hummingbird's form decoder
/// refuses a key twice (arrays there are `invoice[]=`), so those pairs are read here in order and
/// the rest of the query goes through the decoder.
struct PayQuery: Decodable, Sendable {
    var token: String?
    var amount: String?
    var method: String?
    /// Every `invoice=` value, decoded, in order; empty values are kept (a tampered link is refused
    /// by the selection check, not silently dropped).
    var invoices: [String] = []

    private enum CodingKeys: String, CodingKey {
        case token, amount, method
    }

    /// The fields of a request's raw `query`; a query that is no form (a key twice, a broken escape)
    /// has no fields, so the link is refused as invalid.
    init(query: String?) {
        let pairs = (query ?? "").split(separator: "&", omittingEmptySubsequences: true)
        var invoices: [String] = []
        var others: [Substring] = []
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if Self.decode(parts[0]) == "invoice" {
                // An undecodable value (a stray `%`) cannot name an invoice; it stays as written and fails the check.
                invoices.append(parts.count == 2 ? (Self.decode(parts[1]) ?? String(parts[1])) : "")
            } else {
                others.append(pair)
            }
        }
        self = (try? URLEncodedFormDecoder().decode(PayQuery.self, from: others.joined(separator: "&"))) ?? PayQuery()
        self.invoices = invoices
    }

    init() {}

    /// `value` for a query: letters, digits and `-._~` as they are, anything else percent-encoded.
    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
