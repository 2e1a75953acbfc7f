/// A problem in the merchant's content or templates, with where it is: file and line, or file and field.
public struct ContentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file, as the merchant would type it (relative to the working directory where possible).
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// The field path (`accounts[0].invoices[2].due`, `[bank].iban`), when known.
    public var field: String?
    /// What is wrong, as a sentence fragment a merchant can act on.
    public var reason: String

    /// A problem in `file` at `line` or `field`.
    public init(file: String, line: Int? = nil, field: String? = nil, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    /// `file:line: field: reason`, leaving out what is unknown: one line, like a compiler's.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += "\(field): " }
        return text + reason
    }
}
