/// Why a part of the workspace could not be opened or a task could not start: what was being done
/// ("open the ledger", "load templates", "read customer 1004") and every problem, one line each
/// (`file:line: reason`).
public struct WorkspaceError: Error, Sendable, CustomStringConvertible {
    /// What was being done.
    public var action: String
    /// One line per problem.
    public var problems: [String]

    /// A failure of `action` with `problems`.
    public init(_ action: String, problems: [String]) {
        self.action = action
        self.problems = problems
    }

    /// No content file for customer `id` (or an id that cannot name one).
    static func unknownCustomer(_ id: String, path: String) -> WorkspaceError {
        WorkspaceError("read customer \(id)", problems: ["no customer \"\(id)\": \(path) does not exist"])
    }

    /// The problems, one per line.
    public var description: String { problems.joined(separator: "\n") }
}
