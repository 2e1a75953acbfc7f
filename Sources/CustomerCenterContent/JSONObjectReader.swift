import Foundation

/// Reads typed fields from a JSON object parsed by `JSONSerialization`, collecting every problem with
/// its file and field path instead of stopping at the first.
struct JSONObjectReader {
    let object: [String: Any]
    let path: String
    let file: String
    let problems: ProblemList

    init(object: [String: Any], path: String, file: String, problems: ProblemList) {
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
        guard let value = object[key], !(value is NSNull) else {
            fail(key, "missing; it is required")
            return nil
        }
        return string(value, key: key)
    }

    func optionalString(_ key: String) -> String? {
        guard let value = object[key], !(value is NSNull) else { return nil }
        return string(value, key: key)
    }

    private func string(_ value: Any, key: String) -> String? {
        guard let text = value as? String else {
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
        guard let value = object[key], !(value is NSNull) else { return defaultValue }
        // JSONSerialization gives NSNumber for numbers and booleans alike; booleans are not integers.
        if let number = value as? NSNumber, !JSONObjectReader.isBoolean(number),
           let exact = Int(exactly: number.doubleValue), "\(number)" == "\(exact)" {
            return exact
        }
        fail(key, "expected a whole number, found \(JSONObjectReader.kind(of: value))")
        return nil
    }

    /// Objects of the list `key`; a missing list is empty.
    func objects(_ key: String, required: Bool = false) -> [JSONObjectReader] {
        guard let value = object[key], !(value is NSNull) else {
            if required { fail(key, "missing; it is required") }
            return []
        }
        guard let list = value as? [Any] else {
            fail(key, "expected a list [ ... ], found \(JSONObjectReader.kind(of: value))")
            return []
        }
        var readers: [JSONObjectReader] = []
        for (index, item) in list.enumerated() {
            let itemPath = "\(field(key))[\(index)]"
            guard let itemObject = item as? [String: Any] else {
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
        if let list = value as? [Any] { return !list.isEmpty }
        return !(value is NSNull)
    }

    static func isBoolean(_ number: NSNumber) -> Bool {
        // Foundation marks JSON booleans with the Objective-C type code "c".
        String(cString: number.objCType) == "c"
    }

    static func kind(of value: Any) -> String {
        switch value {
        case let number as NSNumber: isBoolean(number) ? "true/false" : "a number (\(number))"
        case is String: "a string"
        case is [Any]: "a list"
        case is [String: Any]: "an object"
        case is NSNull: "null"
        default: "\(type(of: value))"
        }
    }
}
