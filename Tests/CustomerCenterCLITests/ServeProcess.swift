#if canImport(Glibc)
import Glibc
#endif
import CustomerCenterTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real `customer-center serve` binary running in a folder, on a port of 127.0.0.1, its log in a
/// file: started, killed or stopped the way an operator or a crash would.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    /// Standard error of the server (its log).
    let logPath: String

    /// Starts `serve --port port` in `folder` with `environment`, logging to `logPath`.
    init(in folder: TemporaryFolder, port: Int, environment: [String: String], logPath: String) throws {
        self.port = port
        self.logPath = logPath
        guard FileManager.default.createFile(atPath: logPath, contents: nil) else { throw ToolFailure("cannot create \(logPath)") }
        process.executableURL = URL(fileURLWithPath: TestPaths.executable)
        process.arguments = ["serve", "--port", String(port)]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: logPath)
        try process.run()
    }

    var pid: pid_t { process.processIdentifier }

    /// The server's log so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Waits until `GET /healthz` answers, which `serve` does only once start-up (with the repair of
    /// marked pages) is done.
    func waitUntilListening(session: URLSession, timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw ToolFailure("serve exited with status \(process.terminationStatus) during start-up:\n\(log)") }
            if let (_, response) = try? await session.data(from: URL(string: "http://127.0.0.1:\(port)/healthz")!),
               (response as? HTTPURLResponse)?.statusCode == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ToolFailure("serve did not answer /healthz within \(timeout):\n\(log)")
    }

    /// Sends `signal` and waits for the process to end; its exit status, or the signal that ended it.
    @discardableResult
    func stop(with signal: Int32, timeout: Duration = .seconds(60)) async throws -> Process.TerminationReason {
        if process.isRunning { kill(pid, signal) }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                kill(pid, SIGKILL)
                throw ToolFailure("serve did not stop within \(timeout) of signal \(signal):\n\(log.suffix(2_000))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationReason
    }

    deinit {
        if process.isRunning { kill(pid, SIGKILL) }
    }
}
