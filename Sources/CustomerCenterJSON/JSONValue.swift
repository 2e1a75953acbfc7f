/// A JSON value as `JSONParser` reads it: strict RFC 8259, numbers kept as their literal text so that
/// integers stay exact (never through `Double`), and objects in document order.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's literal text, e.g. `-12`, `1.50`, `2e3`; validated by the parser.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The text, when this is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The object, when this is one.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The exact integer, when this is a number written without fraction or exponent that fits `Int`.
    public var integerValue: Int? {
        guard case .number(let text) = self, !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) else { return nil }
        return Int(text)
    }

    /// What kind of value this is, for messages: "a string", "an object", ...
    public var kind: String {
        switch self {
        case .null: "null"
        case .bool: "true/false"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

/// A JSON object's members in document order; keys are unique (the parser refuses duplicates).
public struct JSONObject: Sendable, Equatable {
    /// The members in document order.
    public let members: [(key: String, value: JSONValue)]
    private let index: [String: Int]

    /// An object of `members`, whose keys must be unique; nil when one repeats.
    public init?(_ members: [(key: String, value: JSONValue)]) {
        var index: [String: Int] = [:]
        index.reserveCapacity(members.count)
        for (position, member) in members.enumerated() {
            guard index.updateValue(position, forKey: member.key) == nil else { return nil }
        }
        self.members = members
        self.index = index
    }

    /// The value of `key`, if present.
    public subscript(key: String) -> JSONValue? {
        index[key].map { members[$0].value }
    }

    /// The keys in document order.
    public var keys: [String] { members.map(\.key) }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
