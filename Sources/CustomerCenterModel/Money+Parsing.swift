extension Money {
    /// Why a decimal string is not an amount.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case invalidCharacter(String)
        case tooManyDecimals(got: Int, allowed: Int, currency: String)
        case outOfRange

        public var description: String {
            switch self {
            case .empty: "the amount is empty"
            case .invalidCharacter(let text):
                "\"\(text)\" is not an amount; write it like \"1234.56\" (a dot, no thousands separator)"
            case .tooManyDecimals(let got, let allowed, let currency):
                "\(currency) has \(allowed) decimal places, the amount has \(got)"
            case .outOfRange: "the amount is too large"
            }
        }
    }

    /// Parses a plain decimal amount such as `1234.56`, `-5`, `0.5` exactly into minor units.
    /// No floating point is involved; more decimals than the currency has is an error, not a rounding.
    public static func parse(_ text: String, currency: Currency) throws(ParseError) -> Money {
        var bytes = Substring(text).utf8[...]
        guard !bytes.isEmpty else { throw .empty }
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        } else if bytes.first == UInt8(ascii: "+") {
            bytes = bytes.dropFirst()
        }
        var whole = 0
        var fraction = 0
        var fractionDigits = 0
        var seenDot = false
        var seenDigit = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                let digit = Int(byte - UInt8(ascii: "0"))
                if seenDot {
                    fractionDigits += 1
                    guard fractionDigits <= currency.minorUnitDigits else {
                        throw .tooManyDecimals(got: text.split(separator: ".").last?.count ?? fractionDigits,
                                               allowed: currency.minorUnitDigits, currency: currency.code)
                    }
                    fraction = fraction * 10 + digit
                } else {
                    let (times, overflow1) = whole.multipliedReportingOverflow(by: 10)
                    let (plus, overflow2) = times.addingReportingOverflow(digit)
                    guard !overflow1, !overflow2, plus <= 1_000_000_000_000 else { throw .outOfRange }
                    whole = plus
                }
            case UInt8(ascii: "."):
                guard !seenDot else { throw .invalidCharacter(text) }
                seenDot = true
            default:
                throw .invalidCharacter(text)
            }
        }
        guard seenDigit else { throw .invalidCharacter(text) }
        for _ in fractionDigits..<currency.minorUnitDigits { fraction *= 10 }
        let units = whole * currency.minorUnitsPerMajor + fraction
        return Money(minorUnits: negative ? -units : units, currency: currency)
    }
}
