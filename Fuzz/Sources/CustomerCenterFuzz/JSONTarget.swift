import CustomerCenterJSON

/// The strict JSON parser the event parsers use. An accepted text written back compactly parses to
/// the same value (strings, numbers as their literal text, member order); a refusal's offset lies
/// within the input; integers read through `integerValue` are the literal's digits.
enum JSONTarget {
    static func fuzz(_ bytes: [UInt8]) {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            Property.check((0...bytes.count).contains(error.offset), "offset \(error.offset) of \(bytes.count) bytes")
            Property.check(!error.reason.isEmpty, "an error without a reason")
            return
        }
        let text = JSONText.encode(value)
        do {
            let again = try JSONParser.parse(Array(text.utf8))
            Property.check(again == value, "\(text) reads as another value")
        } catch {
            Property.fail("the written form \(text) is refused: \(error)")
        }
        checkIntegers(value)
    }

    /// Every number that reads as an integer is written exactly as that integer (no sign or leading zeros lost).
    static func checkIntegers(_ value: JSONValue) {
        switch value {
        case .number(let text):
            if let integer = value.integerValue {
                Property.check(String(integer) == text || (text == "-0" && integer == 0), "\(text) reads as \(integer)")
            }
        case .array(let elements): elements.forEach(checkIntegers)
        case .object(let object): object.members.forEach { checkIntegers($0.value) }
        default: break
        }
    }
}
