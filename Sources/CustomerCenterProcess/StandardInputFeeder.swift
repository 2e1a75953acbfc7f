import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a command's standard input on a thread of its own, with SIGPIPE blocked on that thread.
///
/// Why not swift-subprocess's own input writer: it writes from Swift's cooperative threads, where a
/// write to a pipe whose reader has gone (a command that exits without reading) raises SIGPIPE, and its
/// default action ends our whole process (1.0.2 leaves SIGPIPE to the caller; ignoring it would change
/// the disposition process-wide). Here it becomes EPIPE, and the count of bytes the pipe accepted tells
/// whether the command took everything. The descriptor is non-blocking and polled with a short timeout,
/// so a command that never reads holds nobody, and `finish()` ends the writing within a tenth of a second.
final class StandardInputFeeder: @unchecked Sendable {
    private let input: [UInt8]
    private let descriptor: Int32
    private let lock = NSLock()
    private var started = false
    private var stopRequested = false
    private var ended = false
    private var written = 0
    private var waiter: CheckedContinuation<Int, Never>?

    /// Takes ownership of `descriptor`, the write end of the command's standard input pipe.
    init(input: [UInt8], descriptor: Int32) {
        self.input = input
        self.descriptor = descriptor
    }

    /// Starts writing; with no input, closes the pipe at once, so the command reads end-of-file.
    func start() {
        lock.withLock { started = true }
        if input.isEmpty {
            close(descriptor)
            markEnded()
            return
        }
        let thread = Thread { [self] in pump() }
        thread.name = "customer-center command input"
        thread.start()
    }

    /// Stops writing (if it is not done), waits for the thread, and returns how many bytes the pipe took.
    /// Closes the descriptor if writing never started.
    func finish() async -> Int {
        let neverStarted = lock.withLock {
            defer { started = true }
            return !started
        }
        if neverStarted {
            close(descriptor)
            markEnded()
        }
        return await withCheckedContinuation { continuation in
            let count: Int? = lock.withLock {
                stopRequested = true
                guard ended else {
                    waiter = continuation
                    return nil
                }
                return written
            }
            if let count { continuation.resume(returning: count) }
        }
    }

    private var shouldStop: Bool {
        lock.withLock { stopRequested }
    }

    private func markEnded() {
        let (continuation, count) = lock.withLock {
            ended = true
            defer { waiter = nil }
            return (waiter, written)
        }
        continuation?.resume(returning: count)
    }

    private func pump() {
        // Blocked on this thread only, a write to a pipe without reader fails with EPIPE instead.
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)

        var offset = 0
        while offset < input.count && !shouldStop {
            var target = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            // A short timeout so that finish() takes effect promptly.
            guard poll(&target, 1, 100) > 0 else { continue }
            let count = input.withUnsafeBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return write(descriptor, base + offset, min(bytes.count - offset, 65536))
            }
            if count > 0 {
                offset += count
                lock.withLock { written = offset }
            } else if count < 0, errno != EAGAIN, errno != EINTR {
                #if os(Linux)
                if errno == EPIPE {
                    // Take the pending SIGPIPE off this thread, so it cannot fire if the mask changes.
                    var none = timespec(tv_sec: 0, tv_nsec: 0)
                    _ = sigtimedwait(&pipeSignal, nil, &none)
                }
                #endif
                break
            }
        }
        // Closing is the end of input the command reads; after EPIPE it only releases our end.
        close(descriptor)
        markEnded()
    }
}
