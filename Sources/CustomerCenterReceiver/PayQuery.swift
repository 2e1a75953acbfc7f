import Hummingbird

/// What the pages' pay forms and links send to `/pay` and `/topup`, read as a browser encodes a GET
/// form (`application/x-www-form-urlencoded`): `+` is a space and `%XX` a byte. Hummingbird's
/// `queryParameters` keeps `+` as it is, so `20 €` typed into the field arrived as `20+€`.
struct PayQuery: Decodable, Sendable {
    var token: String?
    var amount: String?
    var method: String?

    /// The fields of a request's raw `query`; a query that is no form (a key twice, a broken escape)
    /// has no fields, so the link is refused as invalid.
    init(query: String?) {
        self = (try? URLEncodedFormDecoder().decode(PayQuery.self, from: query ?? "")) ?? PayQuery()
    }

    init() {}
}
