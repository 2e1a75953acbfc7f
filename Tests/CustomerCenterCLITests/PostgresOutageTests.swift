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

/// The PostgreSQL ledger lost under load (issue 15, bad input): the real `serve` binary books signed
/// callbacks on a PostgreSQL ledger while its connections are terminated by the server
/// (`pg_terminate_backend`), or while the whole server restarts. Every callback is
/// answered 200 or 503, or not within the client's 30 s (never another error: providers retry
/// both), the process stays up and
/// reconnects by itself, and after every event is delivered again each one is booked exactly once,
/// nothing acknowledged is lost and every account's money is exact.
@Suite(.enabled(if: LedgerEngineKind.available.contains(.postgresql)), .serialized)
struct PostgresOutageTests {
    static let clients = 16

    @Test(.timeLimit(.minutes(5)))
    func connectionsTerminatedMidLoadAre503AndNothingAcknowledgedIsLost() async throws {
        let server = try LedgerEngineKind.serverURL()
        let (url, name) = try TestLedger.createDatabase()
        defer { try? PostgresDatabases.drop(name, server: server) }
        let terminations = Terminations()
        try await run(url: url, disturb: {
            // Every 150 ms, the server ends every connection to the ledger's database.
            for _ in 0..<20 {
                try? await Task.sleep(for: .milliseconds(150))
                if (try? await OwnThread.run {
                    try PostgresDatabases.execute("""
                        SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)' AND pid <> pg_backend_pid()
                        """, on: server)
                }) != nil { await terminations.count() }
            }
        })
        #expect(await terminations.done > 0)
    }

    /// The whole server restarted during the load (issue 15, "a PostgreSQL restart during load loses
    /// no acknowledged payment"): a cluster of the test's own (the shared one serves other tests at
    /// the same time), restarted with a fast shutdown in the middle of the callbacks, twice.
    @Test(.timeLimit(.minutes(5)))
    func aServerRestartedMidLoadLosesNothingAcknowledged() async throws {
        let cluster = try await TestCluster.start()
        defer { cluster.stop() }
        let server = cluster.url
        var url = server
        url.database = "restart_test"
        try PostgresDatabases.create("restart_test", server: server)
        let restarts = Terminations()
        try await run(url: url, disturb: {
            for _ in 0..<2 {
                try? await Task.sleep(for: .milliseconds(700))
                if (try? await cluster.restart()) != nil { await restarts.count() }
            }
        })
        #expect(await restarts.done == 2, "the cluster was restarted twice")
    }

    /// Builds the demo on the ledger at `url`, starts `serve` on it, sends the plan's deliveries while
    /// `disturb` runs, then delivers every event again to the same process and checks the ledger.
    func run(url: PostgresLedgerURL, disturb: @escaping @Sendable () async -> Void) async throws {
        let seed = ProcessInfo.processInfo.environment["CRASH_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
        var random = SeededGenerator(seed: seed)
        let folder = TemporaryFolder("pg-outage").copyDemo()
        let serveSecrets = ServeSecrets("outage-test", folder: folder, ledgerURL: url, random: &random)
        let (sandboxSecret, secrets, environment) = (serveSecrets.sandboxSecret, serveSecrets.variables, serveSecrets.environment)
        let cli = CommandLineTests()
        let initial = try await cli.run(["build"], in: folder, environment: secrets)
        try #require(initial.status == 0, "\(initial.stderr)")

        let plan = CallbackPlan(seed: random.next(), targets: try CallbackPlan.targets(content: folder.file("content")),
                                payments: 500, refunds: 60, retries: 40, repeats: 150, created: Int(Date().timeIntervalSince1970) - 60)
        let replay = "seed \(seed) (replay: CRASH_SEED=\(seed) swift test --filter PostgresOutageTests)"
        let session = CallbackLoad.session(clients: Self.clients)
        let port = freeLocalPort()
        let serve = try ServeProcess(in: folder, port: port, environment: environment, logPath: folder.file("serve.log"))
        try await serve.waitUntilListening(session: session)

        // 1. Load while the ledger goes away.
        let signedAt = Int(Date().timeIntervalSince1970)
        let disturbance = Task { await disturb() }
        let answers = await CallbackLoad(session: session, port: port, clients: Self.clients).send(
            plan.deliveries.map { CallbackLoad.Request(body: plan.events[$0].body, headers: CallbackPlan.headers(plan.events[$0], secret: sandboxSecret, timestamp: signedAt)) })
        await disturbance.value
        #expect(serve.process.isRunning, "\(replay): serve ended:\n\(serve.log.suffix(3_000))")
        let statuses = Dictionary(answers.map { ($0?.status ?? 0, 1) }, uniquingKeysWith: +)
        // 0: no answer within the client's 30 s (a provider retries that like a 503).
        #expect(Set(statuses.keys).isSubset(of: [0, 200, 503]), "\(replay): answers \(statuses)")
        var acknowledged: Set<String> = []
        for (position, answer) in answers.enumerated() where answer?.status == 200 {
            acknowledged.insert(plan.events[plan.deliveries[position]].id)
        }

        // 2. The same process, reconnected, takes every event again.
        let resignedAt = Int(Date().timeIntervalSince1970)
        var pending = Array(plan.events.indices.shuffled(using: &random))
        var answeredAgain: [Int: CallbackLoad.Answer] = [:]
        let deadline = ContinuousClock.now + .seconds(120)
        while !pending.isEmpty, ContinuousClock.now < deadline {
            let again = await CallbackLoad(session: session, port: port, clients: Self.clients).send(
                pending.map { CallbackLoad.Request(body: plan.events[$0].body, headers: CallbackPlan.headers(plan.events[$0], secret: sandboxSecret, timestamp: resignedAt)) })
            for (index, answer) in zip(pending, again) where answer?.status == 200 { answeredAgain[index] = answer }
            pending = pending.filter { answeredAgain[$0] == nil }
            if !pending.isEmpty { try await Task.sleep(for: .milliseconds(500)) }
        }
        #expect(pending.isEmpty, "\(replay): \(pending.count) events not taken after the ledger came back:\n\(serve.log.suffix(2_000))")
        let bookedTwice = answeredAgain.filter { acknowledged.contains(plan.events[$0.key].id) && $0.value.body != "duplicate-event" }
        #expect(bookedTwice.isEmpty, "\(replay): acknowledged during the outage, not a duplicate after: \(bookedTwice.prefix(3))")

        // 3. Every event once, every payment and refund once, the money exact.
        let ledger = try PostgresLedger(url: url)
        defer { ledger.close() }
        let contents = try await OwnThread.run { try CrashSafetyTests.LedgerContents(ledger: ledger, plan: plan) }
        #expect(contents.outcomes.filter { $0.value.count > 1 }.isEmpty, "\(replay): events recorded twice")
        #expect(Set(contents.outcomes.keys) == Set(plan.events.map(\.id)), "\(replay): the ledger's events are not the events sent")
        let keys = contents.rows.map { "\($0.provider)/\($0.providerPaymentID)/\($0.kind)/\($0.refundID)" }
        #expect(Set(keys).count == keys.count, "\(replay): a payment or refund is booked twice")
        #expect(contents.rows.count == 500 + 60, "\(replay): \(contents.rows.count) ledger entries")
        var net: [String: Int] = [:]
        for row in contents.rows { net[row.accountID ?? "", default: 0] += (row.kind == .refund ? -1 : 1) * row.amountMinor }
        #expect(net == plan.expectedNet, "\(replay): booked money per account differs from what was sent")
        let invoiceAccounts = Set(try CallbackPlan.targets(content: folder.file("content")).filter { !$0.prepaid }.map(\.accountID))
        #expect(contents.allocated == plan.expectedNet.filter { invoiceAccounts.contains($0.key) }, "\(replay): allocations do not add up")
        let stopped = try await serve.stop(with: SIGTERM)
        #expect(stopped == .exit && serve.process.terminationStatus == 0, "\(replay): serve did not stop cleanly:\n\(serve.log.suffix(3_000))")
        print("postgres outage test: \(replay); answers during the outage \(statuses.sorted { $0.key < $1.key }), \(acknowledged.count) events acknowledged")
    }
}

/// A PostgreSQL cluster of one test's own, through scripts/test-postgres.sh (installed, run as the
/// postgres user, on a free port): started, restarted, stopped and removed.
struct TestCluster: Sendable {
    let folder: String
    let url: PostgresLedgerURL

    static var script: String { TestPaths.repository + "/scripts/test-postgres.sh" }

    /// Runs the script with every descriptor above 2 closed in it: the server it starts lives on, and
    /// would otherwise keep the one Foundation's `Process` watches for the script's end (it never came).
    static func script(_ arguments: [String]) async throws -> ToolRun {
        try await ToolRun.run("/usr/bin/python3", ["-c", "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:], close_fds=True).returncode)",
                                                   script] + arguments)
    }

    static func start() async throws -> TestCluster {
        // Not under the test's temporary folder: the server's user must be able to enter it.
        let folder = NSTemporaryDirectory() + "customer-center-cluster-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let started = try await script(["start", folder])
        guard started.status == 0 else { throw ToolFailure("test-postgres.sh start failed: \(started.errorText)") }
        let text = String(decoding: started.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return TestCluster(folder: folder, url: try PostgresLedgerURL(text))
    }

    func restart() async throws {
        let restarted = try await Self.script(["restart", folder])
        guard restarted.status == 0 else { throw ToolFailure("test-postgres.sh restart failed: \(restarted.errorText)") }
    }

    func stop() {
        _ = try? ToolRun("/usr/bin/python3", ["-c", "import subprocess, sys; subprocess.run(sys.argv[1:], close_fds=True)", Self.script, "stop", folder])
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// How many times the disturbance reached the server.
actor Terminations {
    private(set) var done = 0
    func count() { done += 1 }
}
