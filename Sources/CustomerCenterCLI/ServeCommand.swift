import ArgumentParser
import CustomerCenterReceiver
import CustomerCenterRender
import Hummingbird

/// `customer-center serve`: the callback receiver.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the callback receiver: verify provider callbacks, book them, regenerate pages.",
        discussion: """
            Routes: POST /callbacks/<provider>, GET /pay, GET /topup, GET /return, GET /cancel, GET /healthz, and with a sandbox
            provider /sandbox/checkout/<id>. Run it behind a TLS reverse proxy (docs/operations.md).
            With --preview it also serves the site, rebuilt for http://HOST:PORT into .customer-center/preview
            (unless --output is given), so the published site/ is never overwritten with local links.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The output folder whose pages are regenerated (default: site; with --preview: .customer-center/preview).")
    var output: String?

    @Option(name: .long, help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on.")
    var port: Int = 8080

    @Flag(name: .long, help: "Local preview: rebuild the site for http://HOST:PORT and serve it too, so pay links work locally.")
    var preview = false

    func run() async throws {
        let folder = output ?? (preview ? ".customer-center/preview" : "site")
        var options = ReceiverOptions(contentPath: site.content, templatesPath: site.templates, outputPath: folder)
        if preview { options.previewURL = "http://\(host):\(port)" }
        let receiver: Receiver
        do {
            receiver = try await Receiver.start(options: options)
        } catch {
            throw fail(error.problems)
        }
        // Expire stale transfer announcements and retry due emails while serving.
        let maintenance = Task { await receiver.runMaintenance() }
        defer { maintenance.cancel() }
        try await receiver.buildApplication(host: host, port: port, siteFolder: preview ? folder : nil).runService()
        // SIGTERM or SIGINT: the server has stopped taking requests. Finish the pages of callbacks
        // already booked before exiting; exiting while the regeneration thread renders crashed the
        // process (seen as exit 139 after a load test).
        maintenance.cancel()
        await receiver.waitForPages()
    }
}
