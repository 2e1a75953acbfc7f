/// An ISO 4217 currency: its alphabetic code and how many minor-unit digits it has.
public struct Currency: Hashable, Sendable, CustomStringConvertible {
    /// The three-letter ISO 4217 code, upper case ("EUR").
    public let code: String
    /// Digits after the decimal separator: 2 for EUR, 0 for JPY, 3 for KWD.
    public let minorUnitDigits: Int

    /// The currency with this ISO 4217 code, or nil when the code is not an active ISO 4217 currency.
    public init?(code: String) {
        guard let digits = Currency.iso4217[code] else { return nil }
        self.code = code
        self.minorUnitDigits = digits
    }

    /// Euro, the demo's and the most common default.
    public static let eur = Currency(code: "EUR")!

    /// 10^minorUnitDigits: how many minor units make one major unit.
    public var minorUnitsPerMajor: Int {
        var factor = 1
        for _ in 0..<minorUnitDigits { factor *= 10 }
        return factor
    }

    public var description: String { code }
}
