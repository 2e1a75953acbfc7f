import Foundation

/// A finished run of an external tool: exit status, standard output and standard error.
public struct ToolRun {
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
        let errorData = LockedData()
        let reader = Thread { errorData.set(error.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        self.output = Array(output.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        status = process.terminationStatus
        errorText = String(decoding: errorData.value, as: UTF8.self)
    }
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ newValue: Data) { lock.lock(); data = newValue; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
}

/// An external tool that did not do its job, and what it said.
public struct ToolFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
