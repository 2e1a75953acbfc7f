import CustomerCenterModel
import Foundation

/// Field access for provider payloads, turning every missing or wrong field into a 4xx refusal.
enum JSONPayload {
    /// The largest amount accepted, in minor units (100 billion in a two-decimal currency): far above
    /// any real payment, and low enough that sums over an account can never overflow.
    static let maximumMinorUnits = 10_000_000_000_000

    static func object(_ body: [UInt8]) throws(CallbackRejection) -> [String: Any] {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(body)) else { throw .badRequest("body is not valid JSON") }
        guard let object = parsed as? [String: Any] else { throw .badRequest("body is not a JSON object") }
        return object
    }

    static func string(_ object: [String: Any], _ key: String) throws(CallbackRejection) -> String {
        guard let value = object[key] as? String, !value.isEmpty, value.utf8.count <= 255 else {
            throw .unprocessable("missing or invalid field \(key)")
        }
        return value
    }

    static func integer(_ object: [String: Any], _ key: String) throws(CallbackRejection) -> Int {
        guard let number = object[key] as? NSNumber, String(cString: number.objCType) != "c",
              let value = Int(exactly: number.doubleValue), "\(number)" == "\(value)" else {
            throw .unprocessable("missing or invalid integer \(key)")
        }
        return value
    }

    static func currency(_ object: [String: Any], _ key: String) throws(CallbackRejection) -> Currency {
        let code = try string(object, key)
        guard let currency = Currency(code: code.uppercased()) else { throw .unprocessable("unknown currency \(code)") }
        return currency
    }

    /// An integer amount of minor units (Stripe), more than zero.
    static func minorAmount(_ object: [String: Any], _ key: String, currency: Currency) throws(CallbackRejection) -> Money {
        let units = try integer(object, key)
        guard units > 0 else { throw .unprocessable("amount \(key) must be more than zero") }
        guard units <= maximumMinorUnits else { throw .unprocessable("amount \(key) is implausibly large") }
        return Money(minorUnits: units, currency: currency)
    }

    /// A decimal-string amount (our format), exact to the currency's minor units, more than zero.
    static func decimalAmount(_ object: [String: Any], _ key: String, currency: Currency) throws(CallbackRejection) -> Money {
        let text = try string(object, key)
        let amount: Money
        do { amount = try Money.parse(text, currency: currency) } catch { throw .unprocessable("amount \(key): \(error)") }
        guard amount.isPositive else { throw .unprocessable("amount \(key) must be more than zero") }
        guard amount.minorUnits <= maximumMinorUnits else { throw .unprocessable("amount \(key) is implausibly large") }
        return amount
    }
}
