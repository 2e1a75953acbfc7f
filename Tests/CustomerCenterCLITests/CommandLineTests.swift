import CustomerCenterTestSupport
import Foundation
import Testing

/// The `customer-center` executable as a merchant runs it: arguments in, exit status and output out.
@Suite struct CommandLineTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the executable to completion, waiting on a thread of its own (`OwnThread`).
    func run(_ arguments: [String], in folder: TemporaryFolder, environment: [String: String] = [:]) async throws -> Result {
        let path = folder.path
        return try await OwnThread.run { try Self.runBlocking(arguments, in: path, environment: environment) }
    }

    static func runBlocking(_ arguments: [String], in folder: String, environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var env = ProcessInfo.processInfo.environment
        env["CI"] = "true"
        env.removeValue(forKey: "CUSTOMER_CENTER_LINK_SECRET")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Standard error is read on a thread of its own, so neither pipe can fill up and stall the tool.
        let errorReader = PipeReader(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = errorReader.finish()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    let asOf = ["--as-of", "2026-11-29"]

    @Test func buildsTheDemoAndRebuildsWithoutWriting() async throws {
        let folder = TemporaryFolder("cli-build").copyDemo()
        let first = try await run(["build"] + asOf, in: folder)
        #expect(first.status == 0)
        #expect(first.stdout.hasPrefix("Built 8 customer pages: 41 files written, 0 unchanged, 0 removed in "))
        #expect(first.stderr.isEmpty, "no progress output when CI is set")
        let second = try await run(["build"] + asOf, in: folder)
        #expect(second.stdout.hasPrefix("Built 8 customer pages: 0 files written, 41 unchanged, 0 removed in "))
    }

    @Test func aContentErrorIsOneLineAndExitStatusOne() async throws {
        let folder = TemporaryFolder("cli-bad").copyDemo()
        folder.write(folder.read("content/customers/1004.json").replacingOccurrences(of: "\"2026-07-19\"", with: "\"2026-07-32\""),
                     to: "content/customers/1004.json")
        let result = try await run(["build"] + asOf, in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: content/customers/1004.json: accounts[0].transactions[1].date: \"2026-07-32\" is not a date; write YYYY-MM-DD\n")
        #expect(!FileManager.default.fileExists(atPath: folder.file("site")))
    }

    @Test func checkValidatesAndWritesNothing() async throws {
        let folder = TemporaryFolder("cli-check").copyDemo()
        let result = try await run(["check"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout == "Content OK: 8 customers, 8 pages, 35 templates\n")
        #expect(!FileManager.default.fileExists(atPath: folder.file("site")))
        #expect(!FileManager.default.fileExists(atPath: folder.file(".customer-center")), "check writes no ledger either")
        // A provider without secrets is found by check, not only when serve starts.
        let secrets = folder.read("demo-secrets.toml")
        folder.write(secrets.replacingOccurrences(of: "provider_stripe_secrets", with: "# provider_stripe_secrets"), to: "demo-secrets.toml")
        let noSecret = try await run(["check"], in: folder)
        #expect(noSecret.status == 1)
        #expect(noSecret.stderr == "error: missing secret provider_stripe_secrets: set the environment variable CUSTOMER_CENTER_PROVIDER_STRIPE_SECRETS or add provider_stripe_secrets to content/../demo-secrets.toml\n")
        folder.write(secrets, to: "demo-secrets.toml")
        folder.write("[site]\nbase_url = \"https://x.example\"\n[site]\n", to: "content/config.toml")
        let broken = try await run(["check"], in: folder)
        #expect(broken.status == 1)
        #expect(broken.stderr.hasPrefix("error: content/config.toml:3: invalid TOML"))
        #expect(broken.stderr.split(separator: "\n").count == 1)
    }

    @Test func linksIsACSVForAMailMerge() async throws {
        let folder = TemporaryFolder("cli-links").copyDemo()
        folder.write(folder.read("content/customers/1004.json").replacingOccurrences(of: "Anna Schmidt", with: "Schmidt, Anna \\\"Anni\\\""),
                     to: "content/customers/1004.json")
        let result = try await run(["links"], in: folder)
        #expect(result.status == 0)
        let rows = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 9)
        #expect(rows[0] == "id,name,email,url")
        #expect(rows[4].hasPrefix("1004,\"Schmidt, Anna \"\"Anni\"\"\",anna.schmidt@example.de,https://kunden.stadtwerke-sonnenfeld.example/c/"))
        let url = try #require(rows[1].split(separator: ",").last)
        #expect(url.range(of: #"^https://kunden\.stadtwerke-sonnenfeld\.example/c/[A-Za-z0-9_-]{24}/$"#, options: .regularExpression) != nil)
        // The URL is where build writes the page.
        _ = try await run(["build"] + asOf, in: folder)
        let token = url.split(separator: "/").last!
        #expect(folder.read("site/c/\(token)/index.html").contains("Jürgen Weiß"))
    }

    @Test func rotateLinkGivesANewURLAndTheNextBuildDropsTheOld() async throws {
        let folder = TemporaryFolder("cli-rotate").copyDemo()
        let before = try await run(["links"], in: folder).stdout
        _ = try await run(["build"] + asOf, in: folder)
        // Without the email (MailingCommandTests has it): the page changes with the next build.
        let rotated = try await run(["rotate-link", "1003", "--no-email"], in: folder)
        #expect(rotated.status == 0)
        #expect(rotated.stdout.contains("Customer 1003: link version 2."))
        let after = try await run(["links"], in: folder).stdout
        let oldURL = before.components(separatedBy: "\r\n").first { $0.hasPrefix("1003,") }!.split(separator: ",").last!
        let newURL = after.components(separatedBy: "\r\n").first { $0.hasPrefix("1003,") }!.split(separator: ",").last!
        #expect(oldURL != newURL)
        #expect(rotated.stdout.contains("New personal URL: \(newURL)"))
        let rebuild = try await run(["build"] + asOf, in: folder)
        // The page, the statement and its CSV under the new token; the old folder's three gone.
        #expect(rebuild.stdout.contains("3 files written"))
        #expect(rebuild.stdout.contains("3 removed"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("site/c/\(oldURL.split(separator: "/").last!)")))

        let unknown = try await run(["rotate-link", "9999"], in: folder)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: no customer \"9999\": content/customers/9999.json does not exist\n")
    }

    @Test func importsAnExportAndBuildsIt() async throws {
        let folder = TemporaryFolder("cli-import")
        let generator = Process()
        generator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        generator.arguments = ["python3", TestPaths.shared + "/bench/make_dataset.py", "50", "--out", folder.file("export"), "--no-split"]
        generator.standardOutput = FileHandle.nullDevice
        try generator.run()
        generator.waitUntilExit()
        let imported = try await run(["import", "export/customers.json", "--content", "shop"], in: folder)
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("Imported 50 customers"))
        let secret = ["CUSTOMER_CENTER_LINK_SECRET": "import-test-secret-0123456789abcdefghij"]
        try FileManager.default.copyItem(atPath: TestPaths.templates, toPath: folder.file("Templates"))
        let built = try await run(["build", "--content", "shop", "--output", "public"] + asOf, in: folder, environment: secret)
        #expect(built.status == 0)
        #expect(built.stdout.hasPrefix("Built 50 customer pages"))
        #expect(folder.files(under: "public/c").filter { $0.hasSuffix("/index.html") }.count == 50)
        #expect(folder.files(under: "public/c").filter { $0.hasSuffix("/statement.csv") }.count == 50)
        let missingSecret = try await run(["build", "--content", "shop", "--output", "public"], in: folder)
        #expect(missingSecret.status == 1)
        #expect(missingSecret.stderr == "error: missing secret link_secret: set the environment variable CUSTOMER_CENTER_LINK_SECRET (or name a secrets file in [secrets].file)\n")
    }

    @Test func usageErrorsExitWith64() async throws {
        let folder = TemporaryFolder("cli-usage")
        let result = try await run(["build", "--as-of", "yesterday"], in: folder)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--as-of yesterday is not a date; write YYYY-MM-DD."))
        let help = try await run(["--help"], in: folder)
        #expect(help.status == 0)
        for command in ["build", "check", "links", "rotate-link", "import", "send-links", "remind"] { #expect(help.stdout.contains(command)) }
    }
}
