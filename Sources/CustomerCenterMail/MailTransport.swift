import Foundation

/// How rendered messages leave the customer center: handed to a sendmail-compatible command, or written
/// to an outbox folder for another program (or a person) to pick up.
public enum MailTransport: Sendable, Hashable {
    /// A sendmail-compatible command line such as `/usr/sbin/sendmail -t -i` or `msmtp -t`; it gets the
    /// message on standard input and takes the recipients from its headers. The line is split on
    /// whitespace: quoting is not supported, so paths and arguments cannot contain spaces. The first word
    /// is an executable path or a name looked up on PATH (then /usr/sbin and /usr/lib, where sendmail lives).
    case command(String)
    /// A folder that receives each message as `<yyyyMMdd-HHmmss>-<id>.eml`, created when missing.
    case outbox(String)

    /// How long a command may take unless the caller says otherwise.
    public static let defaultTimeout: Duration = .seconds(30)

    /// Delivers a rendered message and says how in a few words ("sent with sendmail", "written to
    /// /var/mail-outbox/20261129-081200-1a2b3c4d.eml"). A command that runs longer than `timeout` is
    /// terminated (SIGTERM, SIGKILL a second later). Waiting never blocks a Swift concurrency thread.
    /// With `messageID`, the outbox file's name comes from it and `now` (the time the message was
    /// queued), so delivering the same message again replaces its file instead of adding a second one.
    public func deliver(_ message: [UInt8], messageID: String? = nil, timeout: Duration = defaultTimeout,
                        now: Date = Date()) async throws(MailError) -> String {
        switch self {
        case .command(let line):
            let command = try MailCommand(parsing: line)
            try await command.run(input: message, timeout: timeout)
            return "sent with \(command.name)"
        case .outbox(let folder):
            return "written to " + (try Self.writeToOutbox(message, folder: folder, messageID: messageID, now: now))
        }
    }
}
