/// Every problem found while loading content; `build` and `check` stop on it and write nothing.
public struct ContentProblems: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var problems: [ContentError]

    /// Wraps a non-empty list of problems.
    public init(_ problems: [ContentError]) {
        self.problems = problems
    }

    /// One line per problem.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
