import CustomerCenterMail
import CustomerCenterTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Delivery through real commands (small shell scripts) and a real outbox folder.
@Suite struct MailTransportTests {
    static let sunday = Date(timeIntervalSince1970: 1_795_939_920)

    /// A rendered message of about 300 KB: more than a pipe holds, so a command that does not read blocks
    /// the writer.
    static func largeMessage() throws -> [UInt8] {
        var noise = [UInt8](repeating: 0, count: 220_000)
        for index in noise.indices { noise[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 13) }
        return try EmailMessage(
            from: EmailAddress("rechnung@stadtwerke.example", displayName: "Stadtwerke"),
            to: [EmailAddress("erika@example.org", displayName: "Erika Müller")], subject: "Ihre Rechnung",
            date: sunday, text: "Hallo", html: "<img src=\"cid:a@b\">",
            inlineImages: [InlineImage(contentID: "a@b", filename: "a.png", bytes: noise)]
        ).rendered()
    }

    static func script(_ body: String, named name: String, in folder: TemporaryFolder) throws -> String {
        folder.write("#!/bin/sh\n" + body + "\n", to: name)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.file(name))
        return folder.file(name)
    }

    @Test func outboxWritesOneParseableFileAtomically() async throws {
        let folder = TemporaryFolder("outbox")
        let outbox = folder.file("mail/outbox")
        let message = try Self.largeMessage()
        let summary = try await MailTransport.outbox(outbox).deliver(message, now: Self.sunday)
        let files = folder.files(under: "mail/outbox")
        #expect(files.count == 1, "no temporary file is left behind: \(files)")
        let name = try #require(files.first)
        #expect(name.wholeMatch(of: /20261129-081200-[0-9a-f]{8}\.eml/) != nil)
        #expect(summary == "written to \(outbox)/\(name)")
        let written = try Array(Data(contentsOf: URL(fileURLWithPath: outbox + "/" + name)))
        #expect(written == message)
        let parsed = try ParsedMessage.parse(written)
        #expect(parsed.to == [.init(name: "Erika Müller", address: "erika@example.org")])
        #expect(parsed.defects.isEmpty)
    }

    @Test func theSameMessageDeliveredAgainReplacesItsOwnFile() async throws {
        let folder = TemporaryFolder("outbox-again")
        let outbox = folder.file("outbox")
        let message = try Self.largeMessage()
        // A delivery whose outcome a crash lost is tried again: the same id and time give the same name.
        let first = try await MailTransport.outbox(outbox).deliver(message, messageID: "<a1@example.org>", now: Self.sunday)
        // A killed writer's temporary file is in the way of nothing.
        folder.write("half a message", to: "outbox/." + ((first as NSString).lastPathComponent) + ".tmp")
        let second = try await MailTransport.outbox(outbox).deliver(message, messageID: "<a1@example.org>", now: Self.sunday)
        #expect(first == second)
        #expect(folder.files(under: "outbox").filter { !$0.hasPrefix(".") }.count == 1)
        let other = try await MailTransport.outbox(outbox).deliver(message, messageID: "<b2@example.org>", now: Self.sunday)
        #expect(other != first)
        #expect(other.hasPrefix("written to \(outbox)/20261129-081200-"))
        #expect(folder.files(under: "outbox").filter { !$0.hasPrefix(".") }.count == 2)
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: String(first.dropFirst("written to ".count))))) == message)
    }

    @Test func outboxThatCannotBeCreatedSaysWhere() async throws {
        let folder = TemporaryFolder("outbox")
        folder.write("a file, not a folder", to: "blocked")
        let error = await #expect(throws: MailError.self) {
            try await MailTransport.outbox(folder.file("blocked/outbox")).deliver([1, 2, 3])
        }
        #expect(error?.description.hasPrefix("cannot write to outbox \(folder.file("blocked/outbox")): ") == true)
    }

    @Test func commandGetsTheExactMessageOnStandardInput() async throws {
        let folder = TemporaryFolder("mail-command")
        let copy = try Self.script("cat > \"$1\"", named: "copy-stdin", in: folder)
        let message = try Self.largeMessage()
        let summary = try await MailTransport.command("\(copy)   \(folder.file("received.eml"))").deliver(message)
        #expect(summary == "sent with copy-stdin")
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: folder.file("received.eml")))) == message)
    }

    @Test func commandFoundOnPATH() async throws {
        // `true` reads nothing, so the message is empty to stay within what it accepts.
        #expect(try await MailTransport.command("true -t -i").deliver([]) == "sent with true")
    }

    @Test func failingCommandReportsStatusAndStandardError() async throws {
        let folder = TemporaryFolder("mail-command")
        let failing = try Self.script("echo 'msmtp: cannot connect to mail.example: Connection refused' >&2\nexit 75",
                                      named: "fake-msmtp", in: folder)
        let error = await #expect(throws: MailError.self) {
            try await MailTransport.command("\(failing) -t").deliver(Array("Subject: x\r\n\r\nx".utf8))
        }
        #expect(error == .commandFailed(command: "fake-msmtp", status: 75, output: "msmtp: cannot connect to mail.example: Connection refused"))
        #expect(error?.description == "mail command fake-msmtp failed with exit status 75: msmtp: cannot connect to mail.example: Connection refused")
    }

    @Test func longStandardErrorIsCut() async throws {
        let folder = TemporaryFolder("mail-command")
        let noisy = try Self.script("i=0; while [ $i -lt 2000 ]; do echo \"line $i of complaints\" >&2; i=$((i+1)); done; exit 1",
                                    named: "noisy", in: folder)
        let error = await #expect(throws: MailError.self) { try await MailTransport.command(noisy).deliver([1]) }
        guard case .commandFailed(_, 1, let output) = error else {
            Issue.record("expected commandFailed, got \(String(describing: error))")
            return
        }
        #expect(output.hasPrefix("line 0 of complaints") && output.utf8.count <= 500)
    }

    @Test func commandThatNeverReadsTimesOutAndIsKilledWithItsChildren() async throws {
        let folder = TemporaryFolder("mail-command")
        // The shell forks `sleep`: terminating only the shell would leave it holding the pipes.
        let stuck = try Self.script("sleep 60 &\necho $! > \"$1\"\nwait", named: "stuck-mailer", in: folder)
        let message = try Self.largeMessage()
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: MailError.self) {
            try await MailTransport.command("\(stuck) \(folder.file("sleep.pid"))").deliver(message, timeout: .seconds(1))
        }
        let elapsed = clock.now - started
        #expect(error == .timedOut(command: "stuck-mailer", after: .seconds(1)))
        #expect(error?.description == "mail command stuck-mailer timed out after 1 s and was terminated")
        // Far below the 60 s the script sleeps; generous, because the suite runs in parallel on 2 cores.
        #expect(elapsed < .seconds(20), "returned after \(elapsed)")
        let pid = try #require(Int32(folder.read("sleep.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        try await Task.sleep(for: .milliseconds(300))
        #expect(!Self.isAlive(pid), "the script's child was terminated too")
    }

    @Test func commandIgnoringSIGTERMIsKilled() async throws {
        let folder = TemporaryFolder("mail-command")
        let stubborn = try Self.script("trap '' TERM\nwhile :; do sleep 1; done", named: "stubborn", in: folder)
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: MailError.self) {
            try await MailTransport.command(stubborn).deliver([1, 2, 3], timeout: .milliseconds(500))
        }
        #expect(error == .timedOut(command: "stubborn", after: .milliseconds(500)))
        #expect(error?.description == "mail command stubborn timed out after 0.5 s and was terminated")
        // The script never ends by itself, so any bound proves the kill; 60 s because 20 s was reached
        // on a 2-core machine running other builds beside the suite.
        #expect(clock.now - started < .seconds(60))
    }

    @Test func commandThatExitsWithoutReadingIsAnError() async throws {
        let folder = TemporaryFolder("mail-command")
        let lazy = try Self.script("exit 0", named: "lazy", in: folder)
        let message = try Self.largeMessage()
        let error = await #expect(throws: MailError.self) { try await MailTransport.command(lazy).deliver(message) }
        guard case .messageNotRead(let command, let read, let total) = error else {
            Issue.record("expected messageNotRead, got \(String(describing: error))")
            return
        }
        #expect(command == "lazy" && read < total && total == message.count)
    }

    @Test func missingExecutableIsNamed() async throws {
        let absent = await #expect(throws: MailError.self) {
            try await MailTransport.command("/nonexistent/sbin/sendmail -t -i").deliver([1])
        }
        #expect(absent == .executableNotFound("/nonexistent/sbin/sendmail"))
        #expect(absent?.description == "mail command not found or not executable: /nonexistent/sbin/sendmail")
        let notOnPath = await #expect(throws: MailError.self) {
            try await MailTransport.command("customer-center-no-such-mailer -t").deliver([1])
        }
        #expect(notOnPath == .executableNotFound("customer-center-no-such-mailer"))
        await #expect(throws: MailError.emptyCommand) { try await MailTransport.command("  ").deliver([1]) }
    }

    @Test func cancellationTerminatesTheCommand() async throws {
        let folder = TemporaryFolder("mail-command")
        let stuck = try Self.script("exec sleep 60", named: "stuck", in: folder)
        let clock = ContinuousClock()
        let started = clock.now
        let task = Task { try await MailTransport.command(stuck).deliver([1, 2, 3], timeout: .seconds(60)) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let result = await task.result
        #expect(throws: MailError.cancelled(command: "stuck")) { try result.get() }
        #expect(clock.now - started < .seconds(20))
    }

    /// Whether `pid` is a live process (a zombie counts as gone).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        guard let close = stat.lastIndex(of: ")") else { return true }
        return !stat[stat.index(close, offsetBy: 2)...].hasPrefix("Z")
    }
}
