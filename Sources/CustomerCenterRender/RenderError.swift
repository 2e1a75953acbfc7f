/// A problem with templates or output: which template or file, which line, what is wrong.
public struct RenderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The template or output file.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// What is wrong.
    public var reason: String

    /// A problem in `file` at `line`.
    public init(file: String, line: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `file:line: reason`.
    public var description: String {
        line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)"
    }
}
