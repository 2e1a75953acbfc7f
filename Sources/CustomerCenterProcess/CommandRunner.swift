#if canImport(Glibc)
import Glibc
#endif

/// Runs a command with bytes on its standard input and a time limit, and says why it failed.
///
/// The command starts in a process group of its own. When the time is up, or the awaiting task is
/// cancelled, the whole group gets SIGTERM and, if the command is still there a second later, SIGKILL,
/// so a shell script's children go too. Standard output is discarded; the start of standard error is
/// kept for the error. Waiting never blocks a thread of Swift's cooperative pool: swift-subprocess
/// starts the command, watches for its exit and reads its standard error asynchronously (see
/// `CommandRunner+Launch`); standard input is written on a thread of its own (`StandardInputFeeder`).
public struct CommandRunner: Sendable {
    /// How long the command may run.
    public var timeout: Duration
    /// How many bytes of standard error are kept for the error.
    public var standardErrorLimit: Int
    /// How long a terminated command has between SIGTERM and SIGKILL.
    public var killDelay: Duration

    /// A runner with the given time limit, keeping the first 500 bytes of standard error.
    public init(timeout: Duration, standardErrorLimit: Int = 500, killDelay: Duration = .seconds(1)) {
        self.timeout = timeout
        self.standardErrorLimit = standardErrorLimit
        self.killDelay = killDelay
    }

    /// Runs `command` with `input` on its standard input (closed at once when empty) and returns once it
    /// exited with status 0 having taken all of `input`. Throws if it cannot be started, exits non-zero
    /// or by a signal, leaves input unread, runs past the timeout, or the task is cancelled. The command
    /// has exited by the time this returns or throws.
    public func run(_ command: Command, input: [UInt8] = []) async throws(CommandError) {
        guard !Task.isCancelled else { throw .cancelled(command: command.name) }
        let launch = Launch(configuration: configuration(for: command), input: input, standardErrorLimit: standardErrorLimit)
        let limit = timeout
        let (first, stopped, finished) = await withTaskGroup(of: Event.self) { group in
            group.addTask { .ended(await launch.run()) }
            group.addTask { (try? await Task.sleep(for: limit)) == nil ? .cancelled : .timeUp }
            // The first event decides: the command ended on its own, its time ran out, or we were
            // cancelled (the only way the timer stops early). Cancelling the rest tears the command down
            // (`teardownSequence`) or stops the timer; the command's end is always awaited.
            var first: Event?
            var stopped = ContinuousClock.now
            var finished: Launch.Outcome?
            for await event in group {
                if first == nil {
                    first = event
                    stopped = .now
                    group.cancelAll()
                }
                if case .ended(let outcome) = event { finished = outcome }
            }
            return (first, stopped, finished)
        }
        guard let finished else { throw .cancelled(command: command.name) }
        let text = Self.text(finished.standardError, limit: standardErrorLimit)
        if case .ended = first {
            try finished.check(command: command.name, inputCount: input.count, standardError: text)
            return
        }
        if let group = finished.processGroup {
            await Self.killRest(ofGroup: group, deadline: stopped + killDelay)
        }
        if case .failedToStart(let reason) = finished.status { throw .launchFailed(command: command.name, reason: reason) }
        if case .timeUp = first { throw .timedOut(command: command.name, after: timeout, standardError: text) }
        throw .cancelled(command: command.name)
    }

    /// swift-subprocess ends its teardown as soon as the group's leader has exited, so children that
    /// ignore SIGTERM (or take their time over it) would outlive it: they get the rest of the delay,
    /// then SIGKILL. The group keeps its id while any member lives, so the signal cannot reach others.
    /// (An orphan's zombie counts as a member until init reaps it; where init reaps slowly, this waits
    /// out the delay.)
    private static func killRest(ofGroup group: pid_t, deadline: ContinuousClock.Instant) async {
        // A task of its own: not cancelled with the caller, so the delay is waited for, not skipped.
        await Task {
            while kill(-group, 0) == 0, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(50))
            }
            _ = kill(-group, SIGKILL)
        }.value
    }

    private enum Event: Sendable {
        case ended(Launch.Outcome)
        case timeUp
        case cancelled
    }

    /// The start of standard error as text: at most `limit` bytes, without a character the cut split
    /// (the bytes were kept up to the limit), trimmed.
    static func text(_ bytes: [UInt8], limit: Int) -> String {
        var end = min(bytes.count, limit)
        var start = end
        while start > 0, bytes[start - 1] & 0xC0 == 0x80 { start -= 1 }
        if start > 0 {
            let lead = bytes[start - 1]
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            if start - 1 + length > end { end = start - 1 }
        }
        let text = String(decoding: bytes[..<end], as: UTF8.self)
        return String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
