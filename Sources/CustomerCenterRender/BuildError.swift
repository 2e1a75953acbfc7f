/// Why a build or check stopped: the step, and every problem found in it, one line each.
public struct BuildError: Error, Sendable, CustomStringConvertible {
    /// The step that failed.
    public var step: BuildStep
    /// One line per problem: `file:line: reason`.
    public var problems: [String]

    /// A failure of `step` with `problems`.
    public init(step: BuildStep, problems: [String]) {
        self.step = step
        self.problems = problems
    }

    /// The problems, one per line.
    public var description: String { problems.joined(separator: "\n") }
}
