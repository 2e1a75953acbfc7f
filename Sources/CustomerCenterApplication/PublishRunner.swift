import Foundation
import Logging

/// Runs the configured publish command (`netlify deploy ...`, `rsync ...`) after pages changed,
/// debounced so that a burst publishes once. Failures are logged and retried with growing delays;
/// publishing never blocks a booking.
public actor PublishRunner {
    private let command: String
    private let debounce: Duration
    private let workingDirectory: String
    private let logger: Logger
    /// Runs before each publish: removes temporary files of writers killed meanwhile (a `build` or
    /// `assign` on the same folder), which matters when the staging folder is inside the site.
    private let beforeRun: @Sendable () -> Void
    private var timer: Task<Void, Never>?
    private var failures = 0

    public init(command: String, debounceSeconds: Int, workingDirectory: String, logger: Logger,
         beforeRun: @escaping @Sendable () -> Void = {}) {
        self.command = command
        self.debounce = .seconds(debounceSeconds)
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
        let started = Date()
        let status = await Task.detached { [command, workingDirectory, beforeRun] () -> Int32 in
            beforeRun()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
                process.waitUntilExit()
                return process.terminationStatus
            } catch {
                return -1
            }
        }.value
        let duration = Int(Date().timeIntervalSince(started) * 1000)
        if status == 0 {
            failures = 0
            logger.info("published", metadata: ["duration_ms": "\(duration)"])
        } else {
            failures += 1
            // 2, 4, 8 ... times the debounce (at least a second), at most five minutes.
            let factor = 1 << min(failures, 8)
            let delay = min(max(debounce, .seconds(1)) * factor, .seconds(300))
            logger.error("publish command failed; will retry", metadata: [
                "status": "\(status)", "attempt": "\(failures)", "retry_in": "\(delay)",
            ])
            schedule(after: delay)
        }
    }
}
