#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Foundation

/// Progress of a long build on a terminal: `[6/7] render pages  41200/100000  9870/s`.
/// Silent when standard error is not a terminal or `CI` is set, so logs stay clean.
public final class BuildProgress: @unchecked Sendable {
    private let enabled: Bool
    // State is guarded by the lock: a renderer may report progress from several threads.
    private let lock = NSLock()
    private var stepName = ""
    private var lastDraw = 0.0
    private var stepStart = 0.0

    /// Progress drawn when `enabled`; `.automatic` decides by terminal and `CI`.
    public init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Draws when standard error is a terminal and `CI` is not set.
    public static func automatic(environment: [String: String] = ProcessInfo.processInfo.environment) -> BuildProgress {
        BuildProgress(enabled: isatty(STDERR_FILENO) == 1 && environment["CI"] == nil)
    }

    /// No output at all. A fresh instance each time: builds running at once never share one.
    public static var silent: BuildProgress { BuildProgress(enabled: false) }

    /// A build step begins.
    public func step(_ step: BuildStep) {
        self.step(step.rawValue, of: BuildStep.allCases.count, step.title)
    }

    /// A new step begins.
    public func step(_ index: Int, of total: Int, _ name: String) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        stepName = "[\(index)/\(total)] \(name)"
        stepStart = BuildProgress.now()
        draw(stepName)
    }

    /// `count` of `total` items of the current step are done.
    public func advance(_ count: Int, of total: Int) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = BuildProgress.now()
        guard count == total || now - lastDraw >= 0.1 else { return }
        let elapsed = max(now - stepStart, 0.001)
        let rate = Int(Double(count) / elapsed)
        draw("\(stepName)  \(count)/\(total)  \(rate)/s")
    }

    /// Ends the progress line.
    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw(_ line: String) {
        lastDraw = BuildProgress.now()
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
