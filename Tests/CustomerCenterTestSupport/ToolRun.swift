import Foundation

/// A finished run of an external tool: exit status, standard output and standard error.
public struct ToolRun: Sendable {
    public var status: Int32
    public var output: [UInt8]
    public var errorText: String

    /// Runs `executable` with `arguments` to completion.
    public init(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read stderr on another thread so neither pipe can fill up and stall the tool.
        let errorReader = PipeReader(error.fileHandleForReading)
        self.output = Array(output.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        status = process.terminationStatus
        errorText = String(decoding: errorReader.finish(), as: UTF8.self)
    }

    /// Runs `executable` to completion on a thread of its own (`OwnThread`), for async tests.
    public static func run(_ executable: String, _ arguments: [String]) async throws -> ToolRun {
        try await OwnThread.run { try ToolRun(executable, arguments) }
    }
}

/// Reads a pipe to its end on a thread of its own, while the caller reads another.
public final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    /// Starts reading `handle`.
    public init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    /// Everything read, once the writer closed the pipe.
    public func finish() -> Data {
        done.wait()
        return data
    }
}

/// An external tool that did not do its job, and what it said.
public struct ToolFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
