import ArgumentParser
import CustomerCenterApplication
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
        var options = WorkspaceOptions(contentPath: site.content, templatesPath: site.templates, outputPath: folder)
        if preview { options.previewURL = "http://\(host):\(port)" }
        let receiver: Receiver
        do {
            receiver = try await Receiver.start(options: options)
        } catch {
            throw fail(error.problems)
        }
        // The server, page regeneration and maintenance under one service group: pages a crash left
        // marked are rewritten at start; on SIGTERM or SIGINT the server stops taking requests first,
        // then maintenance ends and the pages of every booked callback are written (exiting under the
        // regeneration thread crashed the process once: exit 139 after a load test).
        try await receiver.buildApplication(host: host, port: port, siteFolder: preview ? folder : nil, background: true).runService()
    }
}
