import Subprocess
import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// Starting one command through swift-subprocess and collecting how it ended.
extension CommandRunner {
    func configuration(for command: Command) -> Configuration {
        var options = PlatformOptions()
        // A process group of its own (its id is the command's pid), so that signals reach what it starts.
        options.processGroupID = 0
        // When the task running it is cancelled (a timeout cancels it too): SIGTERM to the whole group,
        // then SIGKILL to it if the command is still there after `killDelay`.
        options.teardownSequence = [.send(signal: .terminate, toProcessGroup: true, allowedDurationToNextStep: killDelay)]
        return Configuration(
            executable: .path(FilePath(command.executable)),
            arguments: Arguments(command.arguments),
            environment: .inherit,
            workingDirectory: command.workingDirectory.map { FilePath($0) },
            platformOptions: options
        )
    }

    /// One start of a command, with everything it owns.
    struct Launch: Sendable {
        let configuration: Configuration
        let input: [UInt8]
        let standardErrorLimit: Int

        /// How a command ended: its status, its process group, the start of its standard error and how
        /// much of its input the pipe took.
        struct Outcome: Sendable {
            enum Status: Sendable {
                case exited(Int32)
                case signalled(Int32)
                case failedToStart(String)
            }
            var status: Status
            var processGroup: pid_t?
            var standardError: [UInt8]
            var bytesWritten: Int

            /// Throws unless the command exited with 0 having taken all `inputCount` bytes.
            func check(command: String, inputCount: Int, standardError text: String) throws(CommandError) {
                switch status {
                case .failedToStart(let reason):
                    throw .launchFailed(command: command, reason: reason)
                case .signalled(let signal):
                    throw .killed(command: command, signal: signal, standardError: text)
                case .exited(let code) where code != 0:
                    throw .failed(command: command, status: code, standardError: text)
                case .exited:
                    guard bytesWritten == inputCount else {
                        throw .inputNotRead(command: command, bytesRead: bytesWritten, bytesTotal: inputCount)
                    }
                }
            }
        }

        /// Starts the command and returns once it has exited (or could not start). Cancelling the task
        /// tears it down with the configuration's `teardownSequence`.
        func run() async -> Outcome {
            var descriptors: [Int32] = [-1, -1]
            guard pipe(&descriptors) == 0 else {
                let reason = "cannot create a pipe: " + String(cString: strerror(errno))
                return Outcome(status: .failedToStart(reason), processGroup: nil, standardError: [], bytesWritten: 0)
            }
            // Close-on-exec: a command started meanwhile must not inherit our end, or this one would never
            // see the end of its input. (Glibc's module lacks pipe2, so the flag follows at once; both
            // swift-subprocess and Foundation also close stray descriptors in the children they start.)
            for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
            let inputEnd = descriptors[0]
            let feeder = StandardInputFeeder(input: input, descriptor: descriptors[1])
            var inputEndOpen = true
            var processGroup: pid_t?
            let limit = standardErrorLimit
            let status: Outcome.Status
            var standardError: [UInt8] = []
            do {
                let result = try await Subprocess.run(
                    configuration,
                    input: .fileDescriptor(FileDescriptor(rawValue: inputEnd), closeAfterSpawningProcess: false),
                    output: .discarded,
                    error: .sequence
                ) { execution in
                    processGroup = execution.processIdentifier.value
                    // The command has its copy; ours would keep its input readable after it has gone.
                    close(inputEnd)
                    inputEndOpen = false
                    feeder.start()
                    return await Self.collect(execution.standardError, limit: limit)
                }
                standardError = result.closureResult
                switch result.terminationStatus {
                case .exited(let code): status = .exited(code)
                case .signaled(let signal): status = .signalled(signal)
                }
            } catch let error as SubprocessError {
                status = .failedToStart(Self.reason(error))
            } catch {
                status = .failedToStart("\(error)")
            }
            if inputEndOpen { close(inputEnd) }
            let written = await feeder.finish()
            return Outcome(status: status, processGroup: processGroup, standardError: standardError, bytesWritten: written)
        }

        /// The first `limit` bytes of standard error; the rest is read and dropped, so a command with
        /// much to say never blocks on a full pipe. Ends at end-of-file, or when swift-subprocess stops
        /// the reading because the command exited (a child of it may keep the pipe open) or the task was
        /// cancelled.
        static func collect(_ output: SubprocessOutputSequence, limit: Int) async -> [UInt8] {
            var kept: [UInt8] = []
            do {
                for try await buffer in output where kept.count < limit {
                    buffer.withUnsafeBytes { kept += $0.prefix(limit - kept.count) }
                }
            } catch {
                // A failed read ends the capture; what was read stays.
            }
            return kept
        }

        /// Why swift-subprocess could not start the command, without the command line.
        static func reason(_ error: SubprocessError) -> String {
            let cause = error.underlyingError.map { String(cString: strerror($0.rawValue)) }
            switch error.code {
            case .executableNotFound: return "not found or not executable"
            case .failedToChangeWorkingDirectory: return "cannot change to its working directory" + (cause.map { ": " + $0 } ?? "")
            default: return cause ?? "\(error)"
            }
        }
    }
}
