// customer-center-bench: the benchmark's one-customer regeneration, through the application's own code
// path (book a payment, then rewrite that customer's page as the receiver does after a callback).
// scripts/bench.sh runs it; it prints one JSON object. Not a test: nothing here asserts a time.
// `build` runs exactly `customer-center build` for profilers: this file has no `await`, so the program
// has a synchronous main (Valgrind cannot run the async one: it dies in libdispatch's main-thread handoff).
//
// Usage: customer-center-bench regenerate --content DIR --templates DIR --output DIR [--count 1000]
//        customer-center-bench build --content DIR --templates DIR --output DIR [--as-of YYYY-MM-DD]
import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterApplication
import CustomerCenterRender
import Foundation
import Logging

func option(_ name: String, _ arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("customer-center-bench: " + message + "\n").utf8))
    exit(1)
}

func regenerate(_ arguments: [String]) {
    guard let content = option("--content", arguments), let templates = option("--templates", arguments),
          let output = option("--output", arguments) else {
        fail("usage: customer-center-bench regenerate --content DIR --templates DIR --output DIR [--count N]")
    }
    let count = Int(option("--count", arguments) ?? "1000") ?? 1000
    var logger = Logger(label: "bench")
    logger.logLevel = .error
    let workspace = Workspace(options: WorkspaceOptions(contentPath: content, templatesPath: templates, outputPath: output), logger: logger)
    let config: SiteConfig
    let ledger: any LedgerStore
    let pages: PageRegenerator
    do {
        config = try workspace.config()
        ledger = try workspace.ledger()
        pages = try PageRegenerator(workspace: workspace)
    } catch {
        fail(error.problems.joined(separator: "\n"))
    }
    let folder = ContentFolder(path: content)
    let files: [String]
    do { files = try folder.customerFiles() } catch { fail("\(error)") }
    guard !files.isEmpty else { fail("no customers in \(content)") }
    // Different customers spread over the whole set.
    let step = max(1, files.count / count)
    let chosen = stride(from: 0, to: files.count, by: step).prefix(count).map { files[$0] }
    var durations: [Double] = []
    durations.reserveCapacity(chosen.count)
    let started = Int(Date().timeIntervalSince1970)
    for (index, file) in chosen.enumerated() {
        let customer: Customer
        // As the receiver's booking reads it (the workspace keeps it parsed for the regeneration).
        do { customer = try workspace.customer(CustomerFile.id(ofPath: file)) } catch { fail("\(error)") }
        guard let account = customer.accounts.first else { continue }
        let event = PaymentEvent(provider: "bench", eventID: "bench-\(started)-\(index)", kind: .payment,
                                 paymentID: "bench-\(started)-\(index)", amount: Money(minorUnits: 1_000, currency: account.currency),
                                 occurredAt: started, customerID: customer.id, accountID: account.id, method: .card)
        do {
            _ = try ledger.book(event, target: .account(customerID: customer.id, account: account), receivedAt: started,
                                         dateOf: { config.day(ofUnixTime: $0) })
        } catch { fail("\(error)") }
        let clock = ContinuousClock()
        let begin = clock.now
        guard pages.regenerateNow(customer.id) else { fail("regenerating \(customer.id) failed") }
        let elapsed = clock.now - begin
        durations.append(Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15)
    }
    // As a receiver does when it stops.
    pages.releaseSpares()
    durations.sort()
    func percentile(_ p: Double) -> Double { durations[min(durations.count - 1, Int((Double(durations.count) * p).rounded(.up)) - 1)] }
    let mean = durations.reduce(0, +) / Double(durations.count)
    print(String(format: "{\"count\": %d, \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"mean_ms\": %.3f, \"max_ms\": %.3f}",
                 durations.count, percentile(0.50), percentile(0.99), mean, durations.last ?? 0))
}

/// `customer-center build` with the same options (the ledger beside the content, the build cache).
func build(_ arguments: [String]) {
    guard let content = option("--content", arguments), let templates = option("--templates", arguments),
          let output = option("--output", arguments) else {
        fail("usage: customer-center-bench build --content DIR --templates DIR --output DIR [--as-of YYYY-MM-DD]")
    }
    var options = BuildOptions(contentPath: content, templatesPath: templates, outputPath: output,
                               today: option("--as-of", arguments).flatMap(CalendarDate.init(iso:)))
    do {
        let config = try ContentFolder(path: content).loadConfig()
        options = options.reading(try Ledger(path: config.receiver.ledgerPath), config: config)
        print(try SiteBuilder(options: options).build().summary)
    } catch {
        fail("\(error)")
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "regenerate": regenerate(arguments)
case "build": build(arguments)
default: fail("usage: customer-center-bench regenerate|build --content DIR --templates DIR --output DIR [--count N] [--as-of YYYY-MM-DD]")
}
