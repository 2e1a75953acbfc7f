/// Reads an amount a customer typed into a pay form, in any way people write money: `44,20`,
/// `1.234,56 €`, `€ 1 234,56` (de-AT), `1’234.50` (de-CH), `£1,234.56`, `20,-`, with or without a
/// currency sign or code before or after, with or without thousands separators (`.` `,` spaces, no-break
/// spaces, `'` `’`).
///
/// Whatever has one reading is accepted, even in the other convention (`44.20` in a German form can
/// only be 44,20: a thousands separator is followed by three digits). Where the customer's convention
/// reads it with more decimals than the currency has but the other convention reads an amount
/// (`1,234` in a German form), it is refused as ambiguous rather than guessed.
public enum AmountInput {
    /// Why the text is not an amount.
    public enum Problem: Error, Equatable, Sendable {
        case empty
        case notANumber
        case tooManyDecimals(allowed: Int)
        /// In the customer's convention the text has too many decimals; in the other it is `otherReading`.
        case ambiguous(otherReading: Money)
        case notPositive
    }

    /// The amount in `text` for a customer of `locale`, in `currency`.
    public static func parse(_ text: String, locale: CustomerLocale, currency: Currency) throws(Problem) -> Money {
        guard text.unicodeScalars.count <= 100 else { throw .notANumber }
        var (body, negative) = withoutAffixes(text, currency: currency)
        guard !body.isEmpty else { throw .empty }
        body = withoutDashDecimals(body)
        let decimalMark: Character = decimalComma(locale) ? "," : "."
        let otherMark: Character = decimalMark == "," ? "." : ","
        let (ownReading, otherReading) = (reading(body, decimalMark: decimalMark), reading(body, decimalMark: otherMark))
        if negative, ownReading != nil || otherReading != nil { throw .notPositive }
        let amount: Money
        switch (ownReading, otherReading) {
        case (.some(let own), let other):
            if own.fraction.count <= currency.minorUnitDigits {
                amount = try money(own, currency: currency)
            } else if let other, other.fraction.count <= currency.minorUnitDigits, let otherAmount = try? money(other, currency: currency),
                      otherAmount.isPositive {
                throw .ambiguous(otherReading: otherAmount)
            } else {
                throw .tooManyDecimals(allowed: currency.minorUnitDigits)
            }
        case (nil, .some(let other)):
            guard other.fraction.count <= currency.minorUnitDigits else { throw .tooManyDecimals(allowed: currency.minorUnitDigits) }
            amount = try money(other, currency: currency)
        case (nil, nil):
            throw .notANumber
        }
        guard amount.isPositive else { throw .notPositive }
        return amount
    }

    /// True where the decimal mark is a comma (German-speaking locales except Switzerland and Liechtenstein).
    static func decimalComma(_ locale: CustomerLocale) -> Bool {
        locale.language == "de" && locale.region != "CH" && locale.region != "LI"
    }

    /// A number's digits: the whole part without separators and the fraction (possibly empty).
    struct Reading: Equatable {
        var whole: String
        var fraction: String
    }

    /// `body` read with `decimalMark` as the decimal mark, or nil when it is no number that way: the
    /// decimal mark at most once and last; before it, thousands separators of one kind (the other mark,
    /// spaces, or apostrophes), each followed by exactly three digits, the first group one to three.
    static func reading(_ body: String, decimalMark: Character) -> Reading? {
        var groups: [String] = [""]
        var separatorKind: Character?
        var fraction: String?
        for character in body {
            if character.isASCII, character.isNumber {
                if fraction != nil { fraction?.append(character) } else { groups[groups.count - 1].append(character) }
                continue
            }
            guard fraction == nil else { return nil }  // nothing but digits after the decimal mark
            if character == decimalMark {
                fraction = ""
                continue
            }
            let kind: Character
            if character == "." || character == "," {
                kind = character
            } else if character.isWhitespace {
                kind = " "
            } else if apostrophes.contains(character) {
                kind = "'"
            } else {
                return nil
            }
            // One kind of separator, and only between digits.
            guard separatorKind == nil || separatorKind == kind, !(groups.last ?? "").isEmpty else { return nil }
            separatorKind = kind
            groups.append("")
        }
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let whole = groups.joined()
        // Some digit somewhere; `.5` and `5,` are numbers, `,` is not.
        guard !whole.isEmpty || !(fraction ?? "").isEmpty, whole.count <= 15 else { return nil }
        return Reading(whole: whole, fraction: fraction ?? "")
    }

    static let apostrophes: Set<Character> = ["'", "\u{2019}", "\u{02BC}", "\u{2032}"]

    static func money(_ reading: Reading, currency: Currency) throws(Problem) -> Money {
        let plain = (reading.whole.isEmpty ? "0" : reading.whole) + (reading.fraction.isEmpty ? "" : "." + reading.fraction)
        guard let amount = try? Money.parse(plain, currency: currency) else { throw .notANumber }
        return amount
    }

    /// The text without blanks around it, a sign (`+`, `-`, `−`) and the currency's sign or code before
    /// or after (`€`, `EUR`, `Euro`); and whether a minus stood there.
    static func withoutAffixes(_ text: String, currency: Currency) -> (String, negative: Bool) {
        var body = Substring(text).trimmingBlanks()
        var negative = false
        func dropSign() {
            guard let first = body.first, ["+", "-", "\u{2212}"].contains(first) else { return }
            negative = negative || first != "+"
            body = body.dropFirst().trimmingBlanks()
        }
        let markers = currencyMarkers(currency)
        dropSign()
        if let marker = markers.first(where: { body.prefix($0.count).lowercased() == $0 }) {
            body = body.dropFirst(marker.count).trimmingBlanks()
            dropSign()
        }
        if let marker = markers.first(where: { body.suffix($0.count).lowercased() == $0 }) {
            body = body.dropLast(marker.count).trimmingBlanks()
        }
        return (String(body), negative)
    }

    /// How `currency` may be written beside an amount, lower case, longest first.
    static func currencyMarkers(_ currency: Currency) -> [String] {
        var markers = [currency.code.lowercased()]
        switch currency.code {
        case "EUR": markers += ["euros", "euro", "€"]
        case "GBP": markers += ["£"]
        case "USD": markers += ["us$", "$"]
        case "JPY": markers += ["¥", "円"]
        case "CHF": markers += ["fr.", "sfr."]
        default: break
        }
        return markers.sorted { $0.count > $1.count }
    }

    /// `20,-` and `20.–` (no cents) as `20`.
    static func withoutDashDecimals(_ body: String) -> String {
        let dashes: Set<Character> = ["-", "\u{2013}", "\u{2014}"]
        let withoutDashes = body.reversed().drop(while: { dashes.contains($0) })
        guard withoutDashes.count < body.count, let mark = withoutDashes.first, mark == "," || mark == "." else { return body }
        return String(withoutDashes.dropFirst().reversed())
    }
}

fileprivate extension Substring {
    /// Without leading and trailing white space of any kind (spaces, tabs, no-break and narrow spaces).
    func trimmingBlanks() -> Substring {
        var result = self
        while let first = result.first, first.isWhitespace { result = result.dropFirst() }
        while let last = result.last, last.isWhitespace { result = result.dropLast() }
        return result
    }
}
