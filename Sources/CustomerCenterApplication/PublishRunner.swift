import CustomerCenterProcess
import Foundation
import Logging

/// Runs the configured publish command (`netlify deploy ...`, `rsync ...`) after pages changed,
/// debounced so that a burst publishes once. A run that fails or outlives its time limit (its process
/// group is then terminated) is logged with the start of its standard error and retried with growing
/// delays; publishing never blocks a booking.
public actor PublishRunner {
    private let command: String
    private let debounce: Duration
    private let timeout: Duration
    private let workingDirectory: String
    private let logger: Logger
    /// Runs before each publish: removes temporary files of writers killed meanwhile (a `build` or
    /// `assign` on the same folder), which matters when the staging folder is inside the site.
    private let beforeRun: @Sendable () -> Void
    private var timer: Task<Void, Never>?
    private var failures = 0

    public init(command: String, debounceSeconds: Int, timeoutSeconds: Int = 300, workingDirectory: String, logger: Logger,
         beforeRun: @escaping @Sendable () -> Void = {}) {
        self.command = command
        self.debounce = .seconds(debounceSeconds)
        self.timeout = .seconds(timeoutSeconds)
        self.workingDirectory = workingDirectory
        self.logger = logger
        self.beforeRun = beforeRun
    }

    /// Pages changed: publish after the quiet period (restarting it).
    public func requestPublish() {
        timer?.cancel()
        failures = 0
        schedule(after: debounce)
    }

    private func schedule(after delay: Duration) {
        timer = Task {
            try? await Task.sleep(for: delay)
            guard !Task.isCancelled else { return }
            await self.run()
        }
    }

    private func run() async {
        let started = ContinuousClock.now
        let shell = Command.shell(command, workingDirectory: workingDirectory)
        // Detached: new pages cancel the timer task, and that must not terminate a publish in flight.
        let failure = await Task.detached { [timeout, beforeRun] () -> CommandError? in
            beforeRun()
            do throws(CommandError) {
                try await CommandRunner(timeout: timeout).run(shell)
                return nil
            } catch {
                return error
            }
        }.value
        let duration = (ContinuousClock.now - started).components
        let milliseconds = duration.seconds * 1000 + duration.attoseconds / 1_000_000_000_000_000
        guard let failure else {
            failures = 0
            logger.info("published", metadata: ["duration_ms": "\(milliseconds)"])
            return
        }
        failures += 1
        // 2, 4, 8 ... times the debounce (at least a second), at most five minutes.
        let factor = 1 << min(failures, 8)
        let delay = min(max(debounce, .seconds(1)) * factor, .seconds(300))
        var metadata: Logger.Metadata = [
            "reason": "\(failure.reason)", "attempt": "\(failures)", "retry_in": "\(delay)",
            "duration_ms": "\(milliseconds)",
        ]
        switch failure {
        case .failed(_, let status, _): metadata["status"] = "\(status)"
        case .killed(_, let signal, _): metadata["signal"] = "\(signal)"
        case .launchFailed, .inputNotRead, .timedOut, .cancelled: break
        }
        // The command's own words; the log handler escapes them, so they cannot forge a line.
        if !failure.standardError.isEmpty { metadata["stderr"] = "\(failure.standardError)" }
        logger.error("publish command failed; will retry", metadata: metadata)
        schedule(after: delay)
    }
}
