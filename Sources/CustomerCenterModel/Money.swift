/// An amount of money: an integer number of minor units (cents) in one ISO 4217 currency.
/// Never a floating-point number.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    /// The amount in minor units; negative for charges and refunds.
    public let minorUnits: Int
    /// The currency the amount is in.
    public let currency: Currency

    /// An amount of `minorUnits` minor units of `currency`.
    public init(minorUnits: Int, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in `currency`.
    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    /// True when the amount is exactly zero.
    public var isZero: Bool { minorUnits == 0 }
    /// True when the amount is above zero.
    public var isPositive: Bool { minorUnits > 0 }
    /// True when the amount is below zero.
    public var isNegative: Bool { minorUnits < 0 }
    /// The amount with its sign dropped.
    public var magnitude: Money { Money(minorUnits: abs(minorUnits), currency: currency) }

    /// A locale-neutral rendering such as `1234.56 EUR`, for logs and messages.
    public var description: String { "\(decimalString) \(currency.code)" }

    /// The amount as a plain decimal string with a dot (`-1234.56`), as written in content files.
    public var decimalString: String {
        let digits = currency.minorUnitDigits
        let sign = minorUnits < 0 ? "-" : ""
        let absolute = minorUnits.magnitude
        guard digits > 0 else { return sign + String(absolute) }
        let factor = UInt(currency.minorUnitsPerMajor)
        var fraction = String(absolute % factor)
        while fraction.count < digits { fraction = "0" + fraction }
        return "\(sign)\(absolute / factor).\(fraction)"
    }
}

extension Money: Comparable {
    /// Orders two amounts of the same currency; amounts of different currencies order by code.
    public static func < (lhs: Money, rhs: Money) -> Bool {
        if lhs.currency != rhs.currency { return lhs.currency.code < rhs.currency.code }
        return lhs.minorUnits < rhs.minorUnits
    }
}

extension Money {
    /// The sum of two amounts of the same currency. Callers check currencies first: mixing them is a
    /// programming error, since validation rejects content that would do so.
    public static func + (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "adding \(lhs.currency) to \(rhs.currency)")
        return Money(minorUnits: lhs.minorUnits + rhs.minorUnits, currency: lhs.currency)
    }

    /// The difference of two amounts of the same currency.
    public static func - (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "subtracting \(rhs.currency) from \(lhs.currency)")
        return Money(minorUnits: lhs.minorUnits - rhs.minorUnits, currency: lhs.currency)
    }

    /// The smaller of two amounts of the same currency.
    public static func min(_ lhs: Money, _ rhs: Money) -> Money { lhs.minorUnits <= rhs.minorUnits ? lhs : rhs }
}
