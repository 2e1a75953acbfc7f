import CustomerCenterApplication
import Logging
import ServiceLifecycle

/// Page regeneration as a service of `serve`: at start it rewrites every page the ledger still marks
/// (a crash between a commit and its page), and at shutdown, once the HTTP server has stopped taking
/// callbacks, it waits until every booked callback's page is written.
struct RegenerationService: Service {
    let receiver: Receiver

    func run() async throws {
        await receiver.pages.recoverMarkedPages()
        try? await gracefulShutdown()
        await receiver.waitForPages()
    }
}

/// Housekeeping as a service of `serve`: every `interval`, stale transfer announcements expire, due
/// emails are retried and marked pages no running process holds are written (those of an instance
/// that died). Safe on any number of receivers at once (an announcement expires once, an email and
/// a page are claimed by one of them). At shutdown it lets a delivery in progress finish.
struct MaintenanceService: Service {
    let receiver: Receiver
    let interval: Duration

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await receiver.transfers.expire()
                _ = try? await receiver.mailer.deliverNow()  // a failure is logged by the mailer and retried next round
                await receiver.pages.adoptMarkedPages()
                try? await Task.sleep(for: interval)
            }
        }
        await receiver.mailer.idle()
    }
}
