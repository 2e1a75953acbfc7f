#if canImport(Glibc)
import Glibc
#endif
import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterLedgerPostgres
import CustomerCenterLedgerTestSupport
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

/// Two receivers on one PostgreSQL ledger (issue 15): two real `serve` processes on the same content,
/// output folder and database, behind no balancer: the callbacks are split across both, and some events
/// go to both at the same moment. One instance is killed with SIGKILL mid-load and started again; then
/// every event is delivered again, split across both. Every acknowledged payment must be booked, every
/// event recorded once, every account's money exact, no page left marked, and every page equal to what
/// a fresh build writes from the same ledger (the page claims make each page the work of one
/// instance at a time).
///
/// `CRASH_SEED=<seed>` replays a run's events, split and kill point.
@Suite(.enabled(if: LedgerEngineKind.available.contains(.postgresql)), .serialized)
struct TwoReceiverTests {
    static let clients = 12
    static let payments = 900
    static let refunds = 120
    /// Events sent to both instances at the same moment, in each round.
    static let pairs = 150

    @Test(.timeLimit(.minutes(5)))
    func twoReceiversOneKilledBookEveryEventOnceAndWriteEveryPageRight() async throws {
        let seed = ProcessInfo.processInfo.environment["CRASH_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
        var random = SeededGenerator(seed: seed)
        let server = try LedgerEngineKind.serverURL()
        let (url, name) = try TestLedger.createDatabase()
        defer { try? PostgresDatabases.drop(name, server: server) }
        let folder = TemporaryFolder("two-receivers").copyDemo()
        let serveSecrets = ServeSecrets("two-receiver-test", folder: folder, ledgerURL: url, random: &random)
        let (sandboxSecret, secrets, environment) = (serveSecrets.sandboxSecret, serveSecrets.variables, serveSecrets.environment)
        // As in the crash test: a zone where it is about noon keeps the receivers' pages and the
        // comparison build on the same day.
        folder.write(folder.read("content/config.toml").replacingOccurrences(
            of: "timezone = \"Europe/Berlin\"", with: "timezone = \"\(CrashSafetyTests.zoneAtNoon())\""), to: "content/config.toml")
        let config = try SiteConfig.load(from: folder.file("content/config.toml"))
        let asOf = ["--as-of", config.today().description]
        let cli = CommandLineTests()
        let initial = try await cli.run(["build"] + asOf, in: folder, environment: secrets)
        try #require(initial.status == 0, "\(initial.stderr)")

        let plan = CallbackPlan(seed: random.next(), targets: try CallbackPlan.targets(content: folder.file("content")),
                                payments: Self.payments, refunds: Self.refunds, retries: 60, repeats: 200,
                                created: Int(Date().timeIntervalSince1970) - 60)
        let (firstA, firstB) = Self.split(Array(plan.deliveries), pairs: Self.pairs, events: plan.events.count, random: &random)
        let killAfter = Int.random(in: firstA.count * 20 / 100 ... firstA.count * 80 / 100, using: &random)
        let replay = "seed \(seed), instance A killed after \(killAfter) of its \(firstA.count) deliveries (replay: CRASH_SEED=\(seed) swift test --filter TwoReceiverTests)"
        let session = CallbackLoad.session(clients: Self.clients * 2)

        // 1. Both instances under load; A is killed in the middle of it.
        let a = try ServeProcess(in: folder, port: freeLocalPort(), environment: environment, logPath: folder.file("serve-a.log"))
        let b = try ServeProcess(in: folder, port: freeLocalPort(), environment: environment, logPath: folder.file("serve-b.log"))
        try await a.waitUntilListening(session: session)
        try await b.waitUntilListening(session: session)
        let killed = a.pid
        let signedAt = Int(Date().timeIntervalSince1970)
        func requests(_ positions: [Int], at time: Int) -> [CallbackLoad.Request] {
            positions.map { CallbackLoad.Request(body: plan.events[$0].body, headers: CallbackPlan.headers(plan.events[$0], secret: sandboxSecret, timestamp: time)) }
        }
        async let answersA = CallbackLoad(session: session, port: a.port, clients: Self.clients).send(
            requests(firstA, at: signedAt), stopAfter: killAfter, atStop: { kill(killed, SIGKILL) })
        async let answersB = CallbackLoad(session: session, port: b.port, clients: Self.clients).send(requests(firstB, at: signedAt))
        let (fromA, fromB) = await (answersA, answersB)
        let ending = try await a.stop(with: SIGKILL)
        try #require(ending == .uncaughtSignal, "\(replay): A ended by itself:\n\(a.log.suffix(3_000))")
        #expect(b.process.isRunning, "\(replay): B ended:\n\(b.log.suffix(3_000))")
        let refusedA = fromA.compactMap { $0 }.filter { $0.status != 200 }
        let refusedB = fromB.filter { $0?.status != 200 }
        #expect(refusedA.isEmpty, "\(replay): A answered other than 200 before the kill: \(refusedA.prefix(3))")
        #expect(refusedB.isEmpty, "\(replay): B answered other than 200 (or not at all): \(refusedB.prefix(3))")
        var acknowledged: Set<String> = []
        for (positions, answers) in [(firstA, fromA), (firstB, fromB)] {
            for (position, answer) in zip(positions, answers) where answer?.status == 200 { acknowledged.insert(plan.events[position].id) }
        }
        // An event sent to both at once is booked by one of them: the other says it is a duplicate.
        for (index, (left, right)) in zip(fromA, fromB).enumerated() where firstA[index] == firstB[index] {
            if let left, let right, left.status == 200, right.status == 200 {
                #expect(left.body == "duplicate-event" || right.body == "duplicate-event",
                        "\(replay): \(plan.events[firstA[index]].id) sent to both: \(left.body) and \(right.body)")
            }
        }

        // 2. Every acknowledged event is in the ledger.
        let ledger = try PostgresLedger(url: url)
        defer { ledger.close() }
        let survived = try await OwnThread.run { try CrashSafetyTests.LedgerContents(ledger: ledger, plan: plan) }
        let missing = acknowledged.subtracting(survived.outcomes.keys)
        #expect(missing.isEmpty, "\(replay): \(missing.count) events answered 200 are not in the ledger, e.g. \(missing.sorted().prefix(5))")

        // 3. A starts again; every event is delivered again, split across both, some to both at once.
        let again = try ServeProcess(in: folder, port: freeLocalPort(), environment: environment, logPath: folder.file("serve-a2.log"))
        try await again.waitUntilListening(session: session)
        let (secondA, secondB) = Self.split(Array(plan.events.indices.shuffled(using: &random)), pairs: Self.pairs, events: plan.events.count,
                                            random: &random)
        let resignedAt = Int(Date().timeIntervalSince1970)
        async let redeliveredA = CallbackLoad(session: session, port: again.port, clients: Self.clients).send(requests(secondA, at: resignedAt))
        async let redeliveredB = CallbackLoad(session: session, port: b.port, clients: Self.clients).send(requests(secondB, at: resignedAt))
        let (toA, toB) = await (redeliveredA, redeliveredB)
        for (positions, answers, instance) in [(secondA, toA, "A"), (secondB, toB, "B")] {
            let failed = zip(positions, answers).filter { $0.1?.status != 200 }
            #expect(failed.isEmpty, "\(replay): redeliveries to \(instance) not answered 200: \(failed.prefix(3).map { "\(plan.events[$0.0].id): \(String(describing: $0.1))" })")
            let bookedTwice = zip(positions, answers).filter { acknowledged.contains(plan.events[$0.0].id) && $0.1?.body != "duplicate-event" }
            #expect(bookedTwice.isEmpty, "\(replay): acknowledged before, not a duplicate at \(instance) after: \(bookedTwice.prefix(3).map { plan.events[$0.0].id })")
        }

        // 4. The pages catch up on both, then both stop in order.
        let deadline = ContinuousClock.now + .seconds(90)
        while try !ledger.dirtyPages().isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        for (instance, process) in [("A", again), ("B", b)] {
            let stopped = try await process.stop(with: SIGTERM)
            #expect(stopped == .exit && process.process.terminationStatus == 0, "\(replay): \(instance) did not stop cleanly:\n\(process.log.suffix(3_000))")
        }
        let left = try ledger.dirtyPages()
        #expect(left.isEmpty, "\(replay): pages still marked after both stopped: \(left.prefix(5))")

        // 5. Every event once, every payment and refund once, the money exact.
        let contents = try await OwnThread.run { try CrashSafetyTests.LedgerContents(ledger: ledger, plan: plan) }
        #expect(contents.outcomes.filter { $0.value.count > 1 }.isEmpty, "\(replay): events recorded twice")
        #expect(Set(contents.outcomes.keys) == Set(plan.events.map(\.id)), "\(replay): the ledger's events are not the events sent")
        let keys = contents.rows.map { "\($0.provider)/\($0.providerPaymentID)/\($0.kind)/\($0.refundID)" }
        #expect(Set(keys).count == keys.count, "\(replay): a payment or refund is booked twice")
        #expect(contents.rows.count == Self.payments + Self.refunds, "\(replay): \(contents.rows.count) ledger entries")
        #expect(contents.rows.allSatisfy { $0.status == .booked }, "\(replay): entries not booked")
        var net: [String: Int] = [:]
        for row in contents.rows { net[row.accountID ?? "", default: 0] += (row.kind == .refund ? -1 : 1) * row.amountMinor }
        #expect(net == plan.expectedNet, "\(replay): booked money per account differs from what was sent")
        let invoiceAccounts = Set(try CallbackPlan.targets(content: folder.file("content")).filter { !$0.prepaid }.map(\.accountID))
        #expect(contents.allocated == plan.expectedNet.filter { invoiceAccounts.contains($0.key) }, "\(replay): allocations do not add up")

        // 6. The pages both instances wrote are a fresh build's, byte for byte; no temporary file is left.
        let fresh = try await cli.run(["build", "--output", "fresh"] + asOf, in: folder, environment: secrets)
        try #require(fresh.status == 0, "\(fresh.stderr)")
        let served = folder.files(under: "site")
        #expect(served == folder.files(under: "fresh"), "\(replay): the site and a fresh build hold different files")
        let differing = served.filter { (try? Data(contentsOf: URL(fileURLWithPath: folder.file("site/" + $0)))) != (try? Data(contentsOf: URL(fileURLWithPath: folder.file("fresh/" + $0)))) }
        #expect(differing.isEmpty, "\(replay): \(differing.count) pages differ from a fresh build, e.g. \(differing.prefix(3))")
        #expect(CrashSafetyTests.temporaryFiles(in: folder).isEmpty, "\(replay): temporary files left: \(CrashSafetyTests.temporaryFiles(in: folder))")
        let regeneratedBy = [("A", a.log + again.log), ("B", b.log)].map { "\($0.0) \($0.1.components(separatedBy: "page regenerated").count - 1)" }
        print("two-receiver test: \(replay); \(acknowledged.count) events acknowledged before the kill; pages regenerated: \(regeneratedBy.joined(separator: ", "))")
    }

    /// `deliveries` split in turn between two instances, and `pairs` events put into both lists at the
    /// same position, so that both instances get them at about the same moment.
    static func split(_ deliveries: [Int], pairs: Int, events: Int, random: inout SeededGenerator) -> ([Int], [Int]) {
        var first: [Int] = []
        var second: [Int] = []
        for (index, delivery) in deliveries.enumerated() {
            if index % 2 == 0 { first.append(delivery) } else { second.append(delivery) }
        }
        while second.count < first.count { second.append(first[second.count]) }
        for _ in 0..<pairs {
            let event = Int.random(in: 0..<events, using: &random)
            let position = Int.random(in: 0...first.count, using: &random)
            first.insert(event, at: position)
            second.insert(event, at: position)
        }
        return (first, second)
    }
}
