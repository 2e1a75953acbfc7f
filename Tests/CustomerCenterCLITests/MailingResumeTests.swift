#if canImport(Glibc)
import Glibc
#endif
import CustomerCenterTestSupport
import Foundation
import Testing

/// An interrupted mailing resumes and sends every message once: the real binary mailing 1,000
/// customers is killed with SIGKILL mid-way, run again, and the outbox then holds exactly one message
/// per customer, each with that customer's link, every one parsed by Python's `email` package.
@Suite struct MailingResumeTests {
    static let customers = 1_000

    @Test(.timeLimit(.minutes(10)))
    func sendLinksKilledMidWayResumesAndMailsEachCustomerOnce() async throws {
        let folder = TemporaryFolder("mail-resume")
        let generator = try await ToolRun.run("/usr/bin/env", ["python3", TestPaths.shared + "/bench/make_dataset.py", String(Self.customers),
                                                               "--out", folder.file("export"), "--no-split"])
        try #require(generator.status == 0, "\(generator.errorText)")
        let cli = CommandLineTests()
        let secret = ["CUSTOMER_CENTER_LINK_SECRET": "mail-resume-test-secret-0123456789abcdefghij"]
        try #require(try await cli.run(["import", "export/customers.json", "--content", "shop"], in: folder).status == 0)
        try FileManager.default.copyItem(atPath: TestPaths.templates, toPath: folder.file("Templates"))
        let site = ["--content", "shop", "--output", "public"]
        let built = try await cli.run(["build"] + site, in: folder, environment: secret)
        try #require(built.status == 0, "\(built.stderr)")

        // The starter configuration has no [email]: messages go to .customer-center/outbox beside shop/.
        let outbox = folder.file(".customer-center/outbox")
        func written() -> Int {
            ((try? FileManager.default.contentsOfDirectory(atPath: outbox)) ?? []).filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }.count
        }
        let mailing = Process()
        mailing.executableURL = URL(fileURLWithPath: TestPaths.executable)
        mailing.arguments = ["send-links", "--all"] + site
        mailing.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        mailing.environment = ProcessInfo.processInfo.environment.merging(secret) { $1 }
        mailing.standardOutput = FileHandle.nullDevice
        mailing.standardError = FileHandle.nullDevice
        try mailing.run()
        let deadline = ContinuousClock.now + .seconds(300)
        while written() < 100, mailing.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        kill(mailing.processIdentifier, SIGKILL)
        try await OwnThread.run { mailing.waitUntilExit() }
        let beforeResume = written()
        try #require(mailing.terminationReason == .uncaughtSignal, "killed, not finished")
        try #require(beforeResume >= 100 && beforeResume < Self.customers, "killed mid-way: \(beforeResume) of \(Self.customers) written")

        let resumed = try await cli.run(["send-links", "--all"] + site, in: folder, environment: secret)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let summary = try #require(resumed.stdout.trimmingCharacters(in: .newlines)
            .wholeMatch(of: #/Queued (\d+) personal links \((\d+) already sent before, 0 left out\); all delivered\./#))
        let (queuedNow, queuedBefore) = (Int(summary.output.1)!, Int(summary.output.2)!)
        #expect(queuedNow + queuedBefore == Self.customers)
        #expect(queuedBefore >= beforeResume, "everything the killed run delivered was recorded with its message")
        #expect(written() == Self.customers, "one message per customer, none twice, none waiting for a lease")
        #expect(try await cli.run(["emails", "--content", "shop"], in: folder).stdout == "No emails waiting: every message was delivered.\n")

        // Each customer got exactly one message, with their own link.
        let links = try await cli.run(["links", "--content", "shop"], in: folder, environment: secret).stdout
        var urlByAddress: [String: String] = [:]
        for row in links.components(separatedBy: "\r\n").dropFirst() where !row.isEmpty {
            let fields = row.split(separator: ",")
            urlByAddress[String(fields[fields.count - 2])] = String(fields[fields.count - 1])
        }
        #expect(urlByAddress.count == Self.customers)
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: outbox)) ?? []).filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }
        let messages = try ParsedMessage.parse(files: files.map { outbox + "/" + $0 })
        var seen: Set<String> = []
        for message in messages {
            let address = try #require(message.to.first?.address)
            #expect(seen.insert(address).inserted, "\(address) mailed twice")
            #expect(message.headers["x-customer-center-kind"] == "personal-link")
            #expect(message.structure == "multipart/alternative(text/plain,text/html)")
            #expect(message.defects.isEmpty)
            let url = try #require(urlByAddress[address])
            #expect(message.part("text/plain")?.text?.contains(url) == true, "\(address) got their own link")
        }
        #expect(seen == Set(urlByAddress.keys))
    }
}
