import CustomerCenterJSON
import CustomerCenterModel

/// Field access for provider payloads, turning every missing or wrong field into a 4xx refusal.
enum JSONPayload {
    /// The largest amount accepted, in minor units (100 billion in a two-decimal currency): far above
    /// any real payment, and low enough that sums over an account can never overflow.
    static let maximumMinorUnits = 10_000_000_000_000

    /// The body as a JSON object. Invalid JSON is a 400; a key that appears twice in one object is a
    /// 422 (`"amount":"abc","amount":"1.00"` must not be read as whichever came last).
    static func object(_ body: [UInt8]) throws(CallbackRejection) -> JSONObject {
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(body)
        } catch {
            if error.reason.hasPrefix("duplicate key") { throw .unprocessable("body has a \(error)") }
            throw .badRequest("body is not valid JSON: \(error)")
        }
        guard let object = parsed.objectValue else { throw .badRequest("body is not a JSON object") }
        return object
    }

    static func string(_ object: JSONObject, _ key: String) throws(CallbackRejection) -> String {
        guard let value = object[key]?.stringValue, !value.isEmpty, value.utf8.count <= 255 else {
            throw .unprocessable("missing or invalid field \(key)")
        }
        return value
    }

    /// The string at `key` when present; a present value that is not a string of at most 255 bytes is refused.
    static func optionalString(_ object: JSONObject, _ key: String) throws(CallbackRejection) -> String? {
        guard let value = object[key], value != .null else { return nil }
        guard let text = value.stringValue, text.utf8.count <= 255 else { throw .unprocessable("invalid field \(key)") }
        return text.isEmpty ? nil : text
    }

    static func integer(_ object: JSONObject, _ key: String) throws(CallbackRejection) -> Int {
        guard let value = object[key]?.integerValue else { throw .unprocessable("missing or invalid integer \(key)") }
        return value
    }

    static func child(_ object: JSONObject, _ key: String) throws(CallbackRejection) -> JSONObject {
        guard let child = object[key]?.objectValue else { throw .unprocessable("missing object \(key)") }
        return child
    }

    static func currency(_ object: JSONObject, _ key: String) throws(CallbackRejection) -> Currency {
        let code = try string(object, key)
        guard let currency = Currency(code: code.uppercased()) else { throw .unprocessable("unknown currency \(code)") }
        return currency
    }

    /// An integer amount of minor units (Stripe), more than zero.
    static func minorAmount(_ object: JSONObject, _ key: String, currency: Currency) throws(CallbackRejection) -> Money {
        let units = try integer(object, key)
        guard units > 0 else { throw .unprocessable("amount \(key) must be more than zero") }
        guard units <= maximumMinorUnits else { throw .unprocessable("amount \(key) is implausibly large") }
        return Money(minorUnits: units, currency: currency)
    }

    /// A decimal-string amount (our format), exact to the currency's minor units, more than zero.
    static func decimalAmount(_ object: JSONObject, _ key: String, currency: Currency) throws(CallbackRejection) -> Money {
        let text = try string(object, key)
        let amount: Money
        do { amount = try Money.parse(text, currency: currency) } catch { throw .unprocessable("amount \(key): \(error)") }
        guard amount.isPositive else { throw .unprocessable("amount \(key) must be more than zero") }
        guard amount.minorUnits <= maximumMinorUnits else { throw .unprocessable("amount \(key) is implausibly large") }
        return amount
    }

    /// The event time at `key`: Unix seconds within `EventTime.plausible(now:)`, else a 422.
    static func eventTime(_ object: JSONObject, _ key: String, now: Int) throws(CallbackRejection) -> Int {
        let seconds = try integer(object, key)
        guard EventTime.plausible(now: now).contains(seconds) else {
            throw .unprocessable("\(key) \(seconds) is outside the plausible range of event times")
        }
        return seconds
    }
}
