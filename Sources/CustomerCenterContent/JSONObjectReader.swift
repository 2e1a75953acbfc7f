import CustomerCenterJSON
import Foundation

/// Reads typed fields from a JSON object, collecting every problem with its file and field path
/// instead of stopping at the first.
///
/// The values come from our strict parser (`JSONParser`) or from `JSONSerialization`, turned into the
/// same `JSONValue`s (`init(foundationObject:)`), so that both are read by the same checks.
struct JSONObjectReader {
    let object: JSONObject
    let path: String
    let file: String
    let problems: ProblemList

    init(object: JSONObject, path: String, file: String, problems: ProblemList) {
        self.object = object
        self.path = path
        self.file = file
        self.problems = problems
    }

    func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func fail(_ key: String?, _ reason: String) {
        problems.add(ContentError(file: file, field: key.map(field) ?? (path.isEmpty ? nil : path), reason: reason))
    }

    /// Flags keys this object should not have: a typo must not silently drop data.
    func rejectUnknownKeys(_ known: [String]) {
        // Sorted for stable messages, but only when there is something to report.
        for key in object.keys.filter({ !known.contains($0) }).sorted() {
            fail(key, "unknown field; expected one of: \(known.joined(separator: ", "))")
        }
    }

    func string(_ key: String) -> String? {
        guard let value = object[key], value != .null else {
            fail(key, "missing; it is required")
            return nil
        }
        return string(value, key: key)
    }

    func optionalString(_ key: String) -> String? {
        guard let value = object[key], value != .null else { return nil }
        return string(value, key: key)
    }

    private func string(_ value: JSONValue, key: String) -> String? {
        guard case .string(let text) = value else {
            fail(key, "expected a string in quotes, found \(JSONObjectReader.kind(of: value))")
            return nil
        }
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty {
            fail(key, "is empty")
            return nil
        }
        return trimmed
    }

    func integer(_ key: String, default defaultValue: Int) -> Int? {
        guard let value = object[key], value != .null else { return defaultValue }
        // Whole numbers written as such, and exact as a Double too (as they were when Foundation read them).
        if case .number(let text) = value, let exact = Int(text), String(exact) == text, Int(exactly: Double(exact)) == exact {
            return exact
        }
        fail(key, "expected a whole number, found \(JSONObjectReader.kind(of: value))")
        return nil
    }

    /// The literal of the number at `key`, when there is a number (not true/false) there.
    func number(_ key: String) -> String? {
        if case .number(let text)? = object[key] { return text }
        return nil
    }

    /// The elements of the list at `key`, when there is a list there.
    func list(_ key: String) -> [JSONValue]? {
        if case .array(let elements)? = object[key] { return elements }
        return nil
    }

    /// Objects of the list `key`; a missing list is empty.
    func objects(_ key: String, required: Bool = false) -> [JSONObjectReader] {
        guard let value = object[key], value != .null else {
            if required { fail(key, "missing; it is required") }
            return []
        }
        guard case .array(let list) = value else {
            fail(key, "expected a list [ ... ], found \(JSONObjectReader.kind(of: value))")
            return []
        }
        var readers: [JSONObjectReader] = []
        for (index, item) in list.enumerated() {
            let itemPath = "\(field(key))[\(index)]"
            guard case .object(let itemObject) = item else {
                problems.add(ContentError(file: file, field: itemPath,
                                          reason: "expected an object { ... }, found \(JSONObjectReader.kind(of: item))"))
                continue
            }
            readers.append(JSONObjectReader(object: itemObject, path: itemPath, file: file, problems: problems))
        }
        return readers
    }

    func has(_ key: String) -> Bool {
        guard let value = object[key] else { return false }
        if case .array(let list) = value { return !list.isEmpty }
        return value != .null
    }

    static func kind(of value: JSONValue) -> String {
        switch value {
        case .bool: "true/false"
        case .number(let text): "a number (\(text))"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        case .null: "null"
        }
    }
}

extension JSONValue {
    /// What `JSONSerialization` made of a document, as `JSONValue`s: numbers as Foundation prints them
    /// (so messages quote them as before), booleans (NSNumbers of type "c") as booleans; nil for
    /// anything JSON does not have.
    init?(foundationObject value: Any) {
        switch value {
        case let number as NSNumber:
            // Foundation marks JSON booleans with the Objective-C type code "c".
            self = String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number("\(number)")
        case let text as String: self = .string(text)
        case let list as [Any]:
            var elements: [JSONValue] = []
            for item in list {
                guard let element = JSONValue(foundationObject: item) else { return nil }
                elements.append(element)
            }
            self = .array(elements)
        case let dictionary as [String: Any]:
            var members: [(key: String, value: JSONValue)] = []
            for (key, item) in dictionary {
                guard let element = JSONValue(foundationObject: item) else { return nil }
                members.append((key, element))
            }
            guard let object = JSONObject(members) else { return nil }
            self = .object(object)
        case is NSNull: self = .null
        default: return nil
        }
    }
}
