/// Why a command did not succeed. Every case names the command by its `Command.name` only, never its
/// arguments; `standardError` is the start of what the command itself wrote there.
public enum CommandError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The command could not be started (no such file, not executable, no such working directory, ...).
    case launchFailed(command: String, reason: String)
    /// The command exited with a non-zero status.
    case failed(command: String, status: Int32, standardError: String)
    /// The command was ended by a signal it did not catch (not by us: that is `timedOut` or `cancelled`).
    case killed(command: String, signal: Int32, standardError: String)
    /// The command exited successfully without taking all of its standard input.
    case inputNotRead(command: String, bytesRead: Int, bytesTotal: Int)
    /// The command ran longer than its time limit; its process group was terminated.
    case timedOut(command: String, after: Duration, standardError: String)
    /// The task waiting for the command was cancelled; its process group was terminated.
    case cancelled(command: String)

    /// The command's name.
    public var command: String {
        switch self {
        case .launchFailed(let command, _), .failed(let command, _, _), .killed(let command, _, _),
             .inputNotRead(let command, _, _), .timedOut(let command, _, _), .cancelled(let command):
            command
        }
    }

    /// The start of the command's standard error, trimmed; empty when it wrote none or never ran.
    public var standardError: String {
        switch self {
        case .failed(_, _, let text), .killed(_, _, let text), .timedOut(_, _, let text): text
        case .launchFailed, .inputNotRead, .cancelled: ""
        }
    }

    /// What happened, without the command's name or output: "failed with exit status 3".
    public var reason: String {
        switch self {
        case .launchFailed(_, let reason):
            "cannot be started: \(reason)"
        case .failed(_, let status, _):
            "failed with exit status \(status)"
        case .killed(_, let signal, _):
            "was killed by signal \(signal)"
        case .inputNotRead(_, let read, let total):
            "exited before reading all of its input (\(read) of \(total) bytes)"
        case .timedOut(_, let after, _):
            "timed out after \(Self.seconds(after)) s and was terminated"
        case .cancelled:
            "was cancelled and terminated"
        }
    }

    /// One sentence for logs and the operator: "command netlify failed with exit status 3: <stderr>".
    public var description: String {
        "command \(command) \(reason)" + (standardError.isEmpty ? "" : ": \(standardError)")
    }

    /// "30" for whole seconds, "0.5" otherwise.
    public static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if attoseconds == 0 { return "\(seconds)" }
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return String(Double((value * 1000).rounded()) / 1000)
    }
}
