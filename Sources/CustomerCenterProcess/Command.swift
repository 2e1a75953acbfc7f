/// A command to run: an executable with its arguments, and the short name that messages and logs use.
public struct Command: Sendable, Hashable {
    /// The executable's path.
    public var executable: String
    /// The words after the executable.
    public var arguments: [String]
    /// The name in errors and logs ("msmtp", "netlify"): one word, never the arguments, which may hold
    /// credentials.
    public var name: String
    /// The folder it runs in; nil for the current one.
    public var workingDirectory: String?

    /// A command with its executable path and arguments as they are.
    public init(executable: String, arguments: [String], name: String, workingDirectory: String? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.name = name
        self.workingDirectory = workingDirectory
    }

    /// A command line run by `/bin/sh -c`, named after its first word that is not a variable
    /// assignment (`TOKEN=… netlify deploy` is "netlify"), or "sh" when it has none.
    public static func shell(_ line: String, workingDirectory: String? = nil) -> Command {
        let words = line.split(whereSeparator: \.isWhitespace)
        let first = words.first { !$0.contains("=") }.map { String($0.split(separator: "/").last ?? $0) }
        return Command(executable: "/bin/sh", arguments: ["-c", line], name: first ?? "sh",
                       workingDirectory: workingDirectory)
    }
}
