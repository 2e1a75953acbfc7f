import CustomerCenterProcess

/// Running the command with the message on standard input.
extension MailCommand {
    /// Runs the command with `input` on its standard input (`CommandRunner`: never blocks a thread; on
    /// timeout or cancellation its process group gets SIGTERM, then SIGKILL a second later). Throws for a
    /// non-zero exit (with the start of standard error), a signal, a message the command did not read, a
    /// timeout or a cancellation.
    func run(input: [UInt8], timeout: Duration) async throws(MailError) {
        let command = Command(executable: executable, arguments: arguments, name: name)
        do {
            try await CommandRunner(timeout: timeout).run(command, input: input)
        } catch {
            throw MailError(error)
        }
    }
}

extension MailError {
    /// The mail module's words for what happened to the command.
    init(_ error: CommandError) {
        switch error {
        case .launchFailed(let command, let reason):
            self = .launchFailed(command: command, reason: reason)
        case .failed(let command, let status, let standardError):
            self = .commandFailed(command: command, status: status, output: standardError)
        case .killed(let command, let signal, _):
            self = .commandKilled(command: command, signal: signal)
        case .inputNotRead(let command, let read, let total):
            self = .messageNotRead(command: command, bytesRead: read, bytesTotal: total)
        case .timedOut(let command, let after, _):
            self = .timedOut(command: command, after: after)
        case .cancelled(let command):
            self = .cancelled(command: command)
        }
    }
}
