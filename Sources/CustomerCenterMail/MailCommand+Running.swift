import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a command ended.
struct ProcessExit: Sendable {
    /// The exit status, or the signal number when `bySignal`.
    var status: Int32
    var bySignal: Bool
}

/// Running the command with the message on standard input.
extension MailCommand {
    /// Runs the command with `input` on its standard input and waits, without blocking a thread, until it
    /// exits or `timeout` passes. On timeout or cancellation its process group gets SIGTERM, then
    /// SIGKILL a second later. Throws for a non-zero exit (with the start of standard error), a signal,
    /// a message the command did not read, a timeout or a cancellation.
    func run(input: [UInt8], timeout: Duration) async throws(MailError) {
        // Our own pipes, close-on-exec: a process started concurrently elsewhere must not inherit our ends,
        // or the command would never see the end of its input. (Glibc's module lacks pipe2, so the flag
        // follows at once; Foundation also closes stray descriptors in the children it starts.)
        var inputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&inputPipe) == 0, pipe(&errorPipe) == 0 else {
            let reason = String(cString: strerror(errno))
            (inputPipe + errorPipe).filter { $0 >= 0 }.forEach { close($0) }
            throw .launchFailed(command: name, reason: "cannot create a pipe: " + reason)
        }
        for descriptor in inputPipe + errorPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle(fileDescriptor: inputPipe[0], closeOnDealloc: false)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(fileDescriptor: errorPipe[1], closeOnDealloc: false)
        let exit = CompletionSignal<ProcessExit>()
        process.terminationHandler = { process in
            exit.fire(ProcessExit(status: process.terminationStatus, bySignal: process.terminationReason == .uncaughtSignal))
        }
        do {
            try process.run()
        } catch {
            (inputPipe + errorPipe).forEach { close($0) }
            throw .launchFailed(command: name, reason: error.localizedDescription)
        }
        // The child has its copies; ours would keep its input open and hide the end of its error output.
        close(inputPipe[0])
        close(errorPipe[1])
        let pipes = ProcessPipes(input: input, inputDescriptor: inputPipe[1], errorDescriptor: errorPipe[0])
        pipes.start()
        defer { pipes.stop() }

        let outcome: ProcessExit?
        if Task.isCancelled {
            outcome = nil
        } else {
            outcome = await withTaskCancellationHandler {
                await exit.wait(timeout: timeout)
            } onCancel: {
                exit.interruptWaiters()
            }
        }
        guard let outcome else {
            await Self.terminate(processGroup: process.processIdentifier, exit: exit)
            if Task.isCancelled { throw .cancelled(command: name) }
            throw .timedOut(command: name, after: timeout)
        }
        // Collect what is left of standard error; a background child still holding it must not stall us.
        _ = await pipes.finished.wait(timeout: .seconds(1))
        let (written, errorOutput) = pipes.progress
        if outcome.bySignal { throw .commandKilled(command: name, signal: outcome.status) }
        guard outcome.status == 0 else {
            let text = String(decoding: errorOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw .commandFailed(command: name, status: outcome.status, output: text)
        }
        guard written == input.count else {
            throw .messageNotRead(command: name, bytesRead: written, bytesTotal: input.count)
        }
    }

    /// SIGTERM to the command's process group (Foundation starts each command as a group leader, so a
    /// shell script's children go too), then SIGKILL if it is still there a second later.
    private static func terminate(processGroup pid: Int32, exit: CompletionSignal<ProcessExit>) async {
        func send(_ signal: Int32) {
            if kill(-pid, signal) != 0 { _ = kill(pid, signal) }
        }
        send(SIGTERM)
        let ended = await exit.wait(timeout: .seconds(1)) != nil
        // Children that ignore SIGTERM may outlive the leader; the group id stays theirs while they live.
        send(SIGKILL)
        if !ended { _ = await exit.wait(timeout: .seconds(5)) }
    }
}
