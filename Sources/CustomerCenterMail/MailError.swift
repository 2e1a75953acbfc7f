import CustomerCenterProcess

/// Why a message could not be built or delivered. Every case names the header field, command or path it
/// is about; none carries message content beyond the first bytes of a command's own error output.
public enum MailError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A header input (subject, name, address, extra header, ...) contains CR or LF: refused, so nobody
    /// can inject headers through customer data.
    case lineBreakInHeader(field: String)
    /// An address that is not `local@domain` without spaces, brackets or control characters.
    case invalidAddress(field: String, address: String, reason: String)
    /// A header field whose name or value cannot be used as given.
    case invalidHeader(field: String, reason: String)
    /// A message without any recipient.
    case noRecipients
    /// Inline images need an HTML body to reference them.
    case inlineImagesWithoutHTML
    /// The transport's command line is empty.
    case emptyCommand
    /// The command's executable does not exist or is not executable.
    case executableNotFound(String)
    /// The command could not be started.
    case launchFailed(command: String, reason: String)
    /// The command exited with a non-zero status; `output` is the start of its standard error.
    case commandFailed(command: String, status: Int32, output: String)
    /// The command was ended by a signal it did not catch.
    case commandKilled(command: String, signal: Int32)
    /// The command exited successfully without reading the whole message.
    case messageNotRead(command: String, bytesRead: Int, bytesTotal: Int)
    /// The command did not finish in time and was terminated.
    case timedOut(command: String, after: Duration)
    /// The delivery was cancelled while the command ran; the command was terminated.
    case cancelled(command: String)
    /// The outbox folder or file could not be written.
    case outboxFailed(path: String, reason: String)

    /// One sentence for logs and the operator.
    public var description: String {
        switch self {
        case .lineBreakInHeader(let field):
            "header \(field) contains a line break (CR or LF); refused to prevent header injection"
        case .invalidAddress(let field, let address, let reason):
            "header \(field): invalid address \"\(address)\": \(reason)"
        case .invalidHeader(let field, let reason):
            "header \(field): \(reason)"
        case .noRecipients:
            "the message has no recipient (To is empty)"
        case .inlineImagesWithoutHTML:
            "inline images need an HTML body that references them"
        case .emptyCommand:
            "the mail command is empty"
        case .executableNotFound(let name):
            "mail command not found or not executable: \(name)"
        case .launchFailed(let command, let reason):
            "cannot start mail command \(command): \(reason)"
        case .commandFailed(let command, let status, let output):
            "mail command \(command) failed with exit status \(status)" + (output.isEmpty ? "" : ": \(output)")
        case .commandKilled(let command, let signal):
            "mail command \(command) was killed by signal \(signal)"
        case .messageNotRead(let command, let read, let total):
            "mail command \(command) exited before reading the whole message (\(read) of \(total) bytes)"
        case .timedOut(let command, let after):
            "mail command \(command) timed out after \(CommandError.seconds(after)) s and was terminated"
        case .cancelled(let command):
            "mail delivery with \(command) was cancelled and the command terminated"
        case .outboxFailed(let path, let reason):
            "cannot write to outbox \(path): \(reason)"
        }
    }
}
