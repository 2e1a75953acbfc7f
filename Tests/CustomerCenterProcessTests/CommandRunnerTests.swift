import CustomerCenterProcess
import CustomerCenterTestSupport
import Foundation
import Testing

/// The runner with real commands (`/bin/sh` scripts); the mail command's cases are in MailTransportTests.
@Suite struct CommandRunnerTests {
    /// More than a pipe holds (64 KiB), so a command that does not read blocks the writer.
    static let largeInput = [UInt8](repeating: 0x41, count: 300_000)

    @Test func aShellCommandIsNamedByItsFirstWordNeverItsArguments() async throws {
        #expect(Command.shell("netlify deploy --prod --dir site").name == "netlify")
        #expect(Command.shell("/usr/bin/rsync -a --delete site/ host:/srv/site/").name == "rsync")
        #expect(Command.shell("NETLIFY_AUTH_TOKEN=s3cret netlify deploy").name == "netlify")
        #expect(Command.shell("  ").name == "sh")
        let error = await #expect(throws: CommandError.self) {
            try await CommandRunner(timeout: .seconds(20)).run(.shell("TOKEN=s3cret sh -c 'exit 3' --password=hunter2"))
        }
        #expect(error == .failed(command: "sh", status: 3, standardError: ""))
        #expect(error?.description == "command sh failed with exit status 3")
    }

    @Test func runsInItsWorkingDirectoryAndKeepsTheStartOfStandardError() async throws {
        let folder = TemporaryFolder("command")
        let physical = URL(fileURLWithPath: folder.path).resolvingSymlinksInPath().path
        let error = await #expect(throws: CommandError.self) {
            try await CommandRunner(timeout: .seconds(20)).run(.shell("pwd -P >&2; exit 4", workingDirectory: folder.path))
        }
        #expect(error == .failed(command: "pwd", status: 4, standardError: physical))
        #expect(error?.description == "command pwd failed with exit status 4: \(physical)")
    }

    @Test func standardErrorIsCutAtACharacterBoundary() async throws {
        // a, é (2 bytes), € (3 bytes): four bytes end inside the euro sign, which is left out whole.
        let runner = CommandRunner(timeout: .seconds(20), standardErrorLimit: 4)
        let error = await #expect(throws: CommandError.self) { try await runner.run(.shell("printf 'a\\303\\251\\342\\202\\254 more' >&2; exit 1")) }
        #expect(error?.standardError == "aé")
    }

    @Test func inputIsWrittenWholeOrReportedUnread() async throws {
        let folder = TemporaryFolder("command")
        let runner = CommandRunner(timeout: .seconds(20))
        try await runner.run(.shell("cat > \(folder.file("copy"))"), input: Self.largeInput)
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: folder.file("copy")))) == Self.largeInput)
        let error = await #expect(throws: CommandError.self) { try await runner.run(.shell("head -c 10 > /dev/null"), input: Self.largeInput) }
        guard case .inputNotRead("head", let read, let total) = error else {
            Issue.record("expected inputNotRead, got \(String(describing: error))")
            return
        }
        #expect(read < total && total == Self.largeInput.count)
    }

    @Test func aSignalIsReported() async throws {
        let error = await #expect(throws: CommandError.self) { try await CommandRunner(timeout: .seconds(20)).run(.shell("kill -9 $$")) }
        #expect(error == .killed(command: "kill", signal: 9, standardError: ""))
        #expect(error?.description == "command kill was killed by signal 9")
    }

    @Test func aCommandThatCannotStartSaysWhy() async throws {
        let runner = CommandRunner(timeout: .seconds(20))
        let missing = await #expect(throws: CommandError.self) {
            try await runner.run(Command(executable: "/nonexistent/bin/deploy", arguments: ["--token", "s3cret"], name: "deploy"))
        }
        #expect(missing == .launchFailed(command: "deploy", reason: "not found or not executable"))
        #expect(missing?.description == "command deploy cannot be started: not found or not executable")
        let noFolder = await #expect(throws: CommandError.self) {
            try await runner.run(.shell("true", workingDirectory: "/nonexistent/site"))
        }
        #expect(noFolder?.reason.hasPrefix("cannot be started: cannot change to its working directory") == true)
    }

    /// The shell dies of SIGTERM at once, its child ignores it: SIGKILL to the group still reaches the
    /// child, and what the script wrote to standard error before is kept.
    @Test func onTimeoutTheWholeGroupIsKilledEvenChildrenIgnoringSIGTERM() async throws {
        let folder = TemporaryFolder("command")
        let script = "echo 'deploying 12 files' >&2; (trap '' TERM; exec sleep 600) & echo $! > \(folder.file("child.pid")); wait"
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: CommandError.self) {
            try await CommandRunner(timeout: .milliseconds(500)).run(.shell(script), input: Self.largeInput)
        }
        #expect(error == .timedOut(command: "echo", after: .milliseconds(500), standardError: "deploying 12 files"))
        #expect(error?.description == "command echo timed out after 0.5 s and was terminated: deploying 12 files")
        // Far below the ten minutes the child sleeps; generous, because the suite runs in parallel on 2
        // cores (24 s seen in a full run).
        #expect(clock.now - started < .seconds(180))
        let pid = try #require(Int32(folder.read("child.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        try await Task.sleep(for: .milliseconds(300))
        #expect(!Self.isAlive(pid), "the child that ignored SIGTERM was killed")
    }

    @Test func cancellationTerminatesTheCommand() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let task = Task { try await CommandRunner(timeout: .seconds(60)).run(.shell("exec sleep 60"), input: Self.largeInput) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let result = await task.result
        #expect(throws: CommandError.cancelled(command: "exec")) { try result.get() }
        #expect(clock.now - started < .seconds(20))
    }

    /// A command that exits leaving a background child with its standard error open: the result does
    /// not wait for the child.
    @Test func aChildKeepingStandardErrorOpenDoesNotDelayTheResult() async throws {
        let folder = TemporaryFolder("command")
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: CommandError.self) {
            try await CommandRunner(timeout: .seconds(30)).run(.shell("echo bye >&2; sleep 30 & echo $! > \(folder.file("child.pid")); exit 3"))
        }
        #expect(error == .failed(command: "echo", status: 3, standardError: "bye"))
        #expect(clock.now - started < .seconds(20))
        if let pid = Int32(folder.read("child.pid").trimmingCharacters(in: .whitespacesAndNewlines)) { kill(pid, SIGKILL) }
    }

    /// Commands started at the same time each see the end of their own input: none inherits another's
    /// end of a pipe.
    @Test func concurrentCommandsKeepTheirPipesApart() async throws {
        let runner = CommandRunner(timeout: .seconds(60))
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<12 {
                group.addTask { (try? await runner.run(.shell("cat > /dev/null"), input: Self.largeInput)) != nil }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes == Array(repeating: true, count: 12))
    }

    /// Whether `pid` is a live process (a zombie counts as gone).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        guard let close = stat.lastIndex(of: ")") else { return true }
        return !stat[stat.index(close, offsetBy: 2)...].hasPrefix("Z")
    }
}
