import CustomerCenterProcess
import Foundation
import Testing

/// Which process holds a claim: this one runs, a child that exited has ended, a process id reused by a
/// later process is not the first one, and another host's process is never judged.
@Suite struct ProcessIdentityTests {
    @Test func thisProcessRunsAndReadsBackFromItsText() throws {
        let current = ProcessIdentity.current()
        #expect(current.pid == getpid())
        #expect(!current.start.isEmpty, "Linux has /proc")
        #expect(ProcessIdentity(parsing: current.description) == current)
        #expect(!current.hasEnded)
        for text in ["", "host", "host/x/1", "host/0/1", "/12/1", "a/1/2/3"] { #expect(ProcessIdentity(parsing: text) == nil, "\(text)") }
    }

    @Test func aChildThatExitedHasEndedAndAReusedIDIsNotTheSameProcess() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sleep")
        child.arguments = ["30"]
        try child.run()
        let current = ProcessIdentity.current()
        let start = try #require(try String(contentsOfFile: "/proc/\(child.processIdentifier)/stat", encoding: .utf8)
            .split(separator: ")").last?.split(separator: " ").dropFirst(19).first)
        let running = ProcessIdentity(host: current.host, pid: child.processIdentifier, start: String(start))
        #expect(!running.hasEnded)
        // The same id with another start time: a later process that got the id.
        #expect(ProcessIdentity(host: current.host, pid: child.processIdentifier, start: "1").hasEnded)
        #expect(!ProcessIdentity(host: "another-host", pid: child.processIdentifier, start: "1").hasEnded, "another host is never judged")
        child.terminate()
        child.waitUntilExit()
        #expect(running.hasEnded)
    }
}
