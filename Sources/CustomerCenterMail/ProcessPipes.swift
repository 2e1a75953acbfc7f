import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Feeds a child process's standard input and keeps the start of its standard error, on one dedicated
/// thread with non-blocking descriptors: a child that never reads (or never closes its output) cannot
/// block anyone, and `stop()` ends the pumping at once.
final class ProcessPipes: @unchecked Sendable {
    /// How much of standard error is kept for the error message.
    static let errorLimit = 500

    private let input: [UInt8]
    private let inputDescriptor: Int32
    private let errorDescriptor: Int32
    private let lock = NSLock()
    private var stopRequested = false
    private var written = 0
    private var errorOutput: [UInt8] = []
    /// Fires when both pipes are done (or pumping was stopped).
    let finished = CompletionSignal<Void>()

    /// Takes ownership of the parent's ends: the write end of the child's stdin, the read end of its stderr.
    init(input: [UInt8], inputDescriptor: Int32, errorDescriptor: Int32) {
        self.input = input
        self.inputDescriptor = inputDescriptor
        self.errorDescriptor = errorDescriptor
    }

    /// Starts the pumping thread.
    func start() {
        let thread = Thread { [self] in pump() }
        thread.name = "customer-center mail pipes"
        thread.start()
    }

    /// Ends the pumping within a tenth of a second; the descriptors are closed by the thread.
    func stop() {
        lock.lock()
        stopRequested = true
        lock.unlock()
    }

    /// Bytes of the message the child has taken so far, and the start of its standard error.
    var progress: (written: Int, errorOutput: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        return (written, errorOutput)
    }

    private var shouldStop: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopRequested
    }

    private func pump() {
        // A write to a pipe whose reader has gone raises SIGPIPE in the writing thread; blocked here, it
        // turns into EPIPE without touching the process-wide signal disposition.
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)

        for descriptor in [inputDescriptor, errorDescriptor] {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
        var inputOpen = true
        var errorOpen = true
        var offset = 0
        if input.isEmpty { close(inputDescriptor); inputOpen = false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while (inputOpen || errorOpen) && !shouldStop {
            var descriptors = [
                pollfd(fd: inputOpen ? inputDescriptor : -1, events: Int16(POLLOUT), revents: 0),
                pollfd(fd: errorOpen ? errorDescriptor : -1, events: Int16(POLLIN), revents: 0),
            ]
            // A short timeout so that stop() takes effect promptly.
            guard poll(&descriptors, 2, 100) > 0 else { continue }
            if inputOpen, descriptors[0].revents != 0 {
                let count = input.withUnsafeBytes { bytes -> Int in
                    guard let base = bytes.baseAddress else { return 0 }
                    return write(inputDescriptor, base + offset, min(bytes.count - offset, 65536))
                }
                if count > 0 {
                    offset += count
                    lock.lock(); written = offset; lock.unlock()
                    if offset == input.count { close(inputDescriptor); inputOpen = false }
                } else if count < 0, errno != EAGAIN, errno != EINTR {
                    #if os(Linux)
                    if errno == EPIPE {
                        // Consume the pending SIGPIPE so it cannot fire if the mask changes.
                        var none = timespec(tv_sec: 0, tv_nsec: 0)
                        _ = sigtimedwait(&pipeSignal, nil, &none)
                    }
                    #endif
                    close(inputDescriptor)
                    inputOpen = false
                }
            }
            if errorOpen, descriptors[1].revents != 0 {
                let count = read(errorDescriptor, &buffer, buffer.count)
                if count > 0 {
                    lock.lock()
                    if errorOutput.count < Self.errorLimit {
                        errorOutput += buffer.prefix(min(count, Self.errorLimit - errorOutput.count))
                    }
                    lock.unlock()
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    close(errorDescriptor)
                    errorOpen = false
                }
            }
        }
        if inputOpen { close(inputDescriptor) }
        if errorOpen { close(errorDescriptor) }
        finished.fire(())
    }
}
