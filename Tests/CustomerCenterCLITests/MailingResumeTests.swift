#if canImport(Glibc)
import Glibc
#endif
import CustomerCenterLedger
import CustomerCenterTestSupport
import Foundation
import Testing

/// An interrupted mailing resumes and sends every message once: the real binary mailing 1,000
/// customers is killed with SIGKILL, run again, and the outbox then holds exactly one message per
/// customer, each with that customer's link, every one parsed by Python's `email` package. Killed
/// twice: while it still queues (the rerun queues the rest), and after it queued every message but
/// before it delivered them all (the rerun queues nothing and must still deliver the rest).
@Suite struct MailingResumeTests {
    static let customers = 1_000

    /// Where the killed run was when it was killed.
    enum KillPoint: CustomStringConvertible {
        case whileQueueing, afterQueueing
        var description: String { self == .whileQueueing ? "while queueing" : "after queueing everything" }
    }

    @Test(.timeLimit(.minutes(15)))
    func sendLinksKilledResumesAndMailsEachCustomerOnce() async throws {
        let folder = TemporaryFolder("mail-resume")
        let generator = try await ToolRun.run("/usr/bin/env", ["python3", TestPaths.shared + "/bench/make_dataset.py", String(Self.customers),
                                                               "--out", folder.file("export"), "--no-split"])
        try #require(generator.status == 0, "\(generator.errorText)")
        let cli = CommandLineTests()
        try #require(try await cli.run(["import", "export/customers.json", "--content", "shop"], in: folder).status == 0)
        try FileManager.default.copyItem(atPath: TestPaths.templates, toPath: folder.file("Templates"))
        let built = try await cli.run(["build"] + Self.site, in: folder, environment: Self.secret)
        try #require(built.status == 0, "\(built.stderr)")
        let links = try await cli.run(["links", "--content", "shop"], in: folder, environment: Self.secret).stdout
        var urlByAddress: [String: String] = [:]
        var ids: [String] = []
        for row in links.components(separatedBy: "\r\n").dropFirst() where !row.isEmpty {
            let fields = row.split(separator: ",")
            ids.append(String(fields[0]))
            urlByAddress[String(fields[fields.count - 2])] = String(fields[fields.count - 1])
        }
        try #require(urlByAddress.count == Self.customers)

        // The build created the ledger; the killed run's progress is read from it.
        try await resume(after: .afterQueueing, in: folder, ids: ids, urlByAddress: urlByAddress)
        // A fresh ledger and outbox: nothing mailed yet.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: folder.file(".customer-center/ledger.sqlite" + suffix)) }
        try FileManager.default.removeItem(atPath: Self.outbox(folder))
        try await resume(after: .whileQueueing, in: folder, ids: ids, urlByAddress: urlByAddress)
    }

    static let secret = ["CUSTOMER_CENTER_LINK_SECRET": "mail-resume-test-secret-0123456789abcdefghij"]
    static let site = ["--content", "shop", "--output", "public"]
    // The starter configuration has no [email]: messages go to .customer-center/outbox beside shop/.
    static func outbox(_ folder: TemporaryFolder) -> String { folder.file(".customer-center/outbox") }
    static func written(_ folder: TemporaryFolder) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: outbox(folder))) ?? []).filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }
    }

    private func resume(after point: KillPoint, in folder: TemporaryFolder, ids: [String], urlByAddress: [String: String]) async throws {
        let cli = CommandLineTests()
        let ledger = point == .afterQueueing ? try Ledger(path: folder.file(".customer-center/ledger.sqlite")) : nil
        func queuedAll() -> Bool { ((try? ledger?.mailedLinkVersions(customerIDs: ids).count) ?? 0) == Self.customers }
        // The mailing queues in file order, as `links` lists: the last customer queued means all are.
        // One id is read in well under a millisecond, so the kill comes before the delivery is done.
        func queuedLast() -> Bool { ((try? ledger?.mailedLinkVersions(customerIDs: [ids[ids.count - 1]]).count) ?? 0) == 1 }

        let mailing = Process()
        mailing.executableURL = URL(fileURLWithPath: TestPaths.executable)
        mailing.arguments = ["send-links", "--all"] + Self.site
        mailing.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        mailing.environment = ProcessInfo.processInfo.environment.merging(Self.secret) { $1 }
        mailing.standardOutput = FileHandle.nullDevice
        mailing.standardError = FileHandle.nullDevice
        try mailing.run()
        let deadline = ContinuousClock.now + .seconds(300)
        while mailing.isRunning, ContinuousClock.now < deadline {
            if point == .whileQueueing ? Self.written(folder).count >= 100 : queuedLast() { break }
            try await Task.sleep(for: .milliseconds(1))
        }
        kill(mailing.processIdentifier, SIGKILL)
        try await OwnThread.run { mailing.waitUntilExit() }
        let beforeResume = Self.written(folder).count
        try #require(mailing.terminationReason == .uncaughtSignal, "\(point): killed, not finished")
        try #require(beforeResume >= (point == .whileQueueing ? 100 : 0) && beforeResume < Self.customers,
                     "\(point): killed before delivering everything: \(beforeResume) of \(Self.customers) written")
        if point == .afterQueueing { #expect(queuedAll(), "every message was queued before the kill") }

        let resumed = try await cli.run(["send-links", "--all"] + Self.site, in: folder, environment: Self.secret)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let summary = try #require(resumed.stdout.trimmingCharacters(in: .newlines).wholeMatch(of:
            #/Queued (\d+) personal links \((\d+) already sent before, 0 left out\); all delivered(, including (\d+) messages an earlier run had queued but not sent)?\./#),
            "\(point): \(resumed.stdout)")
        let (queuedNow, queuedBefore) = (Int(summary.output.1)!, Int(summary.output.2)!)
        #expect(queuedNow + queuedBefore == Self.customers)
        #expect(queuedBefore >= beforeResume, "\(point): everything the killed run delivered was recorded with its message")
        if point == .afterQueueing {
            #expect(queuedNow == 0)
            // A message written but not yet recorded when the kill came is delivered again, to the same file.
            let earlier = try #require(summary.output.4.flatMap { Int($0) }, "\(point): the rerun names what it delivered for the killed run")
            #expect(earlier >= Self.customers - beforeResume && earlier <= Self.customers - beforeResume + 1)
        }
        let files = Self.written(folder)
        #expect(files.count == Self.customers, "\(point): one message per customer, none twice, none left waiting")
        #expect(try await cli.run(["emails", "--content", "shop"], in: folder).stdout == "No emails waiting: every message was delivered.\n")

        // Each customer got exactly one message, with their own link.
        let messages = try ParsedMessage.parse(files: files.map { Self.outbox(folder) + "/" + $0 })
        var seen: Set<String> = []
        for message in messages {
            let address = try #require(message.to.first?.address)
            #expect(seen.insert(address).inserted, "\(point): \(address) mailed twice")
            #expect(message.headers["x-customer-center-kind"] == "personal-link")
            #expect(message.structure == "multipart/alternative(text/plain,text/html)")
            #expect(message.defects.isEmpty)
            let url = try #require(urlByAddress[address])
            #expect(message.part("text/plain")?.text?.contains(url) == true, "\(point): \(address) got their own link")
        }
        #expect(seen == Set(urlByAddress.keys))
        print("mailing resume \(point): \(beforeResume) of \(Self.customers) written before the kill, the rerun queued \(queuedNow)")
    }
}
