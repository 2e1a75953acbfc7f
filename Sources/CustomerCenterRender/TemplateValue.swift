/// A value in a template's context: text, a flag, a number, a list or an object of named values.
///
/// Contexts are built from these rather than `[String: Any]` so that rendering never casts: looking up
/// `{{customer.name}}` is a switch and a dictionary lookup per frame of the context stack, where
/// swift-mustache over `Any` tries several protocol casts per frame (measured: about a quarter of a
/// build). `mustacheValue` gives the same value in the form swift-mustache renders, for templates the
/// render plan does not compile and for the differential test that holds both to identical bytes.
public enum TemplateValue: Sendable, Equatable {
    case text(String)
    case bool(Bool)
    case int(Int)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// The value as swift-mustache expects it: `String`, `Bool`, `Int`, `[Any]`, `[String: Any]`.
    public var mustacheValue: Any {
        switch self {
        case .text(let text): return text
        case .bool(let flag): return flag
        case .int(let number): return number
        case .list(let items): return items.map(\.mustacheValue) as [Any]
        case .object(let values): return values.mapValues(\.mustacheValue) as [String: Any]
        }
    }

    /// The text, when this is one.
    public var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// A list of texts (address lines).
    public static func texts(_ lines: [String]) -> TemplateValue { .list(lines.map(TemplateValue.text)) }

    /// An object of texts (a language's text table, asset paths).
    public static func texts(_ table: [String: String]) -> TemplateValue { .object(table.mapValues(TemplateValue.text)) }

    /// A list of objects.
    public static func objects(_ items: [[String: TemplateValue]]) -> TemplateValue { .list(items.map(TemplateValue.object)) }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self = .text(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        // Later keys win, as in building the dictionary by assignment.
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
