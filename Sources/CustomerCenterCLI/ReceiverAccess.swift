import CustomerCenterReceiver
import Logging

/// Starts the receiver's library (no HTTP) for the commands that change money and pages:
/// `approve`, `reject`, `import-statement`, `emails --retry`. Pages marked in the ledger are
/// rewritten on the way, so a command never leaves a stale page behind.
enum ReceiverAccess {
    static func start(site: SiteOptions, output: String) async throws -> Receiver {
        // Log lines go to standard error at error level: the command's own output is the report.
        var logger = Logger(label: "customer-center")
        logger.logLevel = .error
        do {
            return try await Receiver.start(options: ReceiverOptions(contentPath: site.content, templatesPath: site.templates,
                                                                     outputPath: output), logger: logger)
        } catch {
            throw fail(error.problems)
        }
    }
}
