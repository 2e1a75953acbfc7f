#if canImport(Glibc)
import Glibc
#endif
import CustomerCenterLedgerTestSupport
import CustomerCenterTestSupport
import Foundation
import Testing

/// A PostgreSQL ledger that cannot be used, as a merchant meets it: `serve` and every command that
/// needs the ledger exit with status 1 before doing anything, with one line on standard error that
/// names the URL without its password and says why. Real processes, a real server (scripts/test.sh's
/// cluster) for the wrong password and the missing database.
@Suite struct LedgerURLCommandTests {
    /// The commands that open the ledger, each as a merchant types it.
    static let commands: [[String]] = [
        ["build"], ["payments", "1001"], ["emails"], ["transfers"], ["unmatched"], ["aging", "--as-of", "2026-11-29"],
        ["remind"], ["send-links", "--all"], ["approve", "RF18539007547034"],
    ]

    /// Runs `serve` and every command with `url` as `CUSTOMER_CENTER_LEDGER_URL`; each must fail with
    /// the one line `expected` and never show `secret`.
    func expectRefusal(url: String, expected: String, secret: String?) async throws {
        let folder = TemporaryFolder("cli-ledger-url").copyDemo()
        let environment = ["CUSTOMER_CENTER_LEDGER_URL": url]
        for arguments in Self.commands {
            let result = try await CommandLineTests().run(arguments, in: folder, environment: environment)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr == expected + "\n", "\(arguments)")
            if let secret { #expect(!result.stderr.contains(secret) && !result.stdout.contains(secret), "\(arguments)") }
        }
        // serve: exits before it listens (no traffic taken), with the same line.
        let port = freeLocalPort()
        let served = try await CommandLineTests().run(["serve", "--port", String(port)], in: folder, environment: environment)
        #expect(served.status == 1)
        #expect(served.stderr.hasSuffix(expected + "\n"), "\(served.stderr)")
        #expect(served.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }.count == 1)
        #expect(!served.stderr.contains("listening"), "\(served.stderr)")
        if let secret { #expect(!served.stderr.contains(secret)) }
        // Nothing was written where the SQLite ledger would be.
        #expect(!FileManager.default.fileExists(atPath: folder.file(".customer-center/ledger.sqlite")))
    }

    @Test func aMalformedURLIsNamedWithoutItsPassword() async throws {
        try await expectRefusal(url: "postgresql://127.0.0.1/cc", expected: "error: ledger postgresql://127.0.0.1/cc: no user name (postgresql://user@host:5432/database)",
                                secret: nil)
        try await expectRefusal(url: "postgresql://ledger:s3cret-pw@db.example:99999/cc",
                                expected: "error: ledger postgresql://ledger:***@db.example:99999/cc: port 99999 is out of range", secret: "s3cret-pw")
    }

    /// A server too old for the schema (PostgreSQL 9.6: no identity columns, no `GENERATED`): Debian has
    /// none that old, so `Tests/EndToEnd/old_postgres.py` answers as one would, its real version number
    /// included. Refused before anything is created or taken.
    @Test func aServerTooOldIsNamed() async throws {
        let port = freeLocalPort()
        // Started detached by a short-lived launcher with every other descriptor closed (as the test
        // cluster is): a long-lived child of this process started by Foundation's `Process` kept the
        // test's later `Process` runs from ever seeing their commands end.
        let launched = try await ToolRun.run("/usr/bin/python3", ["-c", """
            import subprocess, sys
            child = subprocess.Popen([sys.executable, sys.argv[1], sys.argv[2]], close_fds=True, start_new_session=True,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(child.pid)
            """, TestPaths.repository + "/Tests/EndToEnd/old_postgres.py", String(port)])
        let serverPID = try #require(pid_t(String(decoding: launched.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        defer { kill(serverPID, SIGKILL) }
        let deadline = ContinuousClock.now + .seconds(20)
        while !Self.accepts(port: port), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        try await expectRefusal(url: "postgresql://ledger:s3cret-pw@127.0.0.1:\(port)/cc",
                                expected: "error: postgresql://ledger@127.0.0.1:\(port)/cc: cannot open the ledger: PostgreSQL 9 is too old; version 12 or newer is needed",
                                secret: "s3cret-pw")
    }

    /// Whether something accepts TCP connections on `port` of 127.0.0.1.
    static func accepts(port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    @Test func anUnreachableHostIsNamed() async throws {
        let port = freeLocalPort()
        try await expectRefusal(url: "postgresql://ledger:s3cret-pw@127.0.0.1:\(port)/cc",
                                expected: "error: postgresql://ledger@127.0.0.1:\(port)/cc: cannot open the ledger: cannot connect to 127.0.0.1:\(port): Connection refused",
                                secret: "s3cret-pw")
        try await expectRefusal(url: "postgresql://ledger@nosuchhost.invalid/cc",
                                expected: "error: postgresql://ledger@nosuchhost.invalid:5432/cc: cannot open the ledger: cannot connect: host nosuchhost.invalid not found",
                                secret: nil)
    }

    @Test(.enabled(if: LedgerEngineKind.available.contains(.postgresql)))
    func aWrongPasswordOrDatabaseIsNamed() async throws {
        var server = try LedgerEngineKind.serverURL()
        server.user = "ledger_password"  // the role that must give its password (scripts/test-postgres.sh)
        server.password = "wrong-s3cret"
        let named = server.description
        try await expectRefusal(url: "postgresql://ledger_password:wrong-s3cret@\(server.host):\(server.port)/\(server.database)",
                                expected: "error: \(named): cannot open the ledger: password authentication failed for user \"ledger_password\" [SQLSTATE 28P01]",
                                secret: "wrong-s3cret")
        var missing = try LedgerEngineKind.serverURL()
        missing.database = "cc_no_such_database"
        try await expectRefusal(url: missing.description,
                                expected: "error: \(missing.description): cannot open the ledger: database \"cc_no_such_database\" does not exist [SQLSTATE 3D000]",
                                secret: nil)
    }
}
