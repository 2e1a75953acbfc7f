import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterMail
import CustomerCenterModel
import CustomerCenterProcess
import CustomerCenterRender
import Foundation
import Logging

/// Sends customer emails: composes the MIME message, stores it in the ledger first, then hands it to
/// the configured command or outbox. A failed attempt is retried with growing pauses (1, 5, 15, 60,
/// 240 minutes…) up to `[email].attempts`, then listed as failed by `customer-center emails`; it is
/// never dropped. Logs name the message id and recipient's customer, never the message body.
///
/// Delivery runs on one background worker, so a slow mail command never holds up a customer's
/// request and two attempts never send the same message at once.
public actor Mailer {
    let settings: SiteConfig.EmailSettings
    let ledger: any LedgerStore
    let logger: Logger
    let now: @Sendable () -> Date
    let timeZone: TimeZone
    /// This process, as its claims on queued messages name it.
    let claimer = ProcessIdentity.current().description

    /// The mailer of the workspace's configuration and ledger (its queue).
    public init(workspace: Workspace) throws(WorkspaceError) {
        let config = try workspace.config()
        self.settings = config.email
        self.ledger = try workspace.ledger()
        self.logger = workspace.logger
        self.now = workspace.options.now
        self.timeZone = TimeZone(identifier: config.timeZone) ?? .gmt
    }

    var transport: MailTransport {
        settings.command.map(MailTransport.command) ?? .outbox(settings.outboxPath)
    }

    private var worker: Task<Void, Never>?

    /// Outcomes of attempts that the ledger could not record at the time, by message row id. A sent
    /// message whose outcome is lost would be sent again once its lease ends: these are written first
    /// in every round, and a claimed message found here is recorded, never sent again.
    private var unrecorded: [Int64: Attempt] = [:]

    /// One attempt's outcome, as `Ledger.recordEmailAttempt` takes it.
    struct Attempt {
        var delivered: String?
        var error: String?
        var retryAt: Int?
        var at: Int
    }

    /// Composes `email` for `customer`, queues it and starts delivery in the background. Returns the
    /// queued row, or nil when the message could not be composed (logged; e.g. no usable address).
    @discardableResult
    public func send(_ email: RenderedEmail, to customer: Customer) -> OutgoingEmail? {
        let composed: OutgoingEmail
        do { composed = try compose(email, to: customer) } catch {
            logger.error("email not composed", metadata: ["customer": "\(customer.id)", "kind": "\(email.kind)", "reason": "\(error.reason)"])
            return nil
        }
        let queued: OutgoingEmail
        do {
            queued = try ledger.enqueueEmail(composed)
        } catch {
            logger.error("email not queued", metadata: ["customer": "\(customer.id)", "kind": "\(email.kind)", "reason": "\(error.action)"])
            return nil
        }
        kick()
        return queued
    }

    /// The complete message of `email` to `customer`, ready to queue, not queued. Throws when the
    /// customer has no address, or one the mail module refuses (plain ASCII `local@domain` only).
    public nonisolated func compose(_ email: RenderedEmail, to customer: Customer) throws(ComposeError) -> OutgoingEmail {
        guard let address = customer.email else { throw ComposeError(customerID: customer.id, reason: "has no email address") }
        let time = now()
        let images = email.images.map { InlineImage(contentID: $0.contentID, filename: $0.filename, mimeType: "image/png", bytes: $0.png) }
        let message = EmailMessage(
            from: EmailAddress(settings.fromAddress, displayName: settings.fromName),
            to: [EmailAddress(address, displayName: customer.name)],
            replyTo: settings.replyTo.map { EmailAddress($0) },
            subject: email.subject, date: time, timeZone: timeZone, text: email.text, html: email.html, inlineImages: images,
            extraHeaders: [MailHeader("Auto-Submitted", "auto-generated"), MailHeader("X-Customer-Center-Kind", email.kind)])
        let bytes: [UInt8]
        do { bytes = try message.rendered() } catch {
            throw ComposeError(customerID: customer.id, reason: "cannot be mailed: \(error)")
        }
        guard let kind = OutgoingEmail.Kind(rawValue: email.kind) else {
            throw ComposeError(customerID: customer.id, reason: "cannot be mailed: unknown email kind \(email.kind)")
        }
        return OutgoingEmail(messageID: message.messageID, kind: kind, customerID: customer.id, recipient: address,
                             subject: email.subject, message: bytes, createdAt: Int(time.timeIntervalSince1970))
    }

    /// Queues each composed message with what it is for (`Mailing`) in one ledger transaction and starts
    /// delivery: a message whose mailing is recorded already is not queued (nil in its place), so a
    /// repeated or resumed mailing sends nothing twice. Throws when the ledger cannot be written: then
    /// none of `batch` was queued.
    public func queue(_ batch: [(email: OutgoingEmail, mailing: Mailing)]) throws(LedgerError) -> [OutgoingEmail?] {
        let queued = try ledger.enqueue(batch)
        if queued.contains(where: { $0 != nil }) { kick() }
        return queued
    }

    /// Starts the delivery worker unless it runs.
    func kick() {
        guard worker == nil else { return }
        worker = Task {
            // Messages queued while a round runs are picked up by the next round.
            while true {
                guard let round = try? await self.deliverDue() else { break }  // logged by deliverDue
                if round.sent + round.failed == 0 { break }
            }
            self.worker = nil
        }
    }

    /// Returns when no delivery is running.
    public func idle() async {
        while let worker { await worker.value }
    }

    /// Ends a mailing command: waits for the delivery of what it queued, then delivers anything else
    /// that is due, such as the messages of an earlier run that was killed after queueing them (its
    /// claims end with its process), since a resumed mailing that queues nothing new would otherwise
    /// leave them waiting. Returns how many those last rounds sent; 0 when the queue cannot be read
    /// (logged, and the caller's count of undelivered messages then says so).
    public func finishDelivery() async -> Int {
        var sent = 0
        // Each round first waits for the running one (`deliverNow`). A round claims a limited batch; a
        // failed message waits for its retry time, so this ends.
        while let round = try? await deliverNow(), round.sent + round.failed > 0 { sent += round.sent }
        return sent
    }

    /// Delivers every undelivered message now (`customer-center emails --retry`), failed ones included.
    /// Throws when the queue cannot be changed or read: nothing was tried then.
    public func retryAll() async throws(LedgerError) -> (sent: Int, failed: Int) {
        try ledger.requeueUndeliveredEmails(now: Int(now().timeIntervalSince1970))
        return try await deliverNow()
    }

    /// Delivers every queued message that is due, on the worker; returns how many were sent and failed.
    /// Throws when the queue cannot be read, so a caller never reports "0 sent" for "not tried".
    @discardableResult
    public func deliverNow() async throws(LedgerError) -> (sent: Int, failed: Int) {
        await idle()
        let task = Task { () -> Result<(sent: Int, failed: Int), LedgerError> in
            do throws(LedgerError) { return .success(try await self.deliverDue()) } catch { return .failure(error) }
        }
        worker = Task { _ = await task.value; self.worker = nil }
        return try await task.value.get()
    }

    /// Delivers every queued message that is due; returns how many were sent and how many failed.
    @discardableResult
    private func deliverDue() async throws(LedgerError) -> (sent: Int, failed: Int) {
        for id in unrecorded.keys.sorted() { _ = record(id: id, messageID: nil) }
        let due: [OutgoingEmail]
        // The lease outlasts every attempt of the round (each at most the command's timeout).
        do {
            due = try ledger.claimDueEmails(now: Int(now().timeIntervalSince1970), lease: 600 + settings.timeoutSeconds * 20,
                                            claimer: claimer, hasEnded: { ProcessIdentity(parsing: $0)?.hasEnded ?? false })
        } catch {
            logger.error("cannot read the email queue", metadata: ["reason": "\(error.action): \(error.reason)"])
            throw error
        }
        var sent = 0
        var failed = 0
        for email in due {
            if let id = email.id, unrecorded[id] != nil {
                // Already attempted in this process; its outcome still waits to be written.
                _ = record(id: id, messageID: email.messageID)
                continue
            }
            let result = await attempt(email)
            if result.status == .sent { sent += 1 } else { failed += 1 }
        }
        return (sent, failed)
    }

    /// One delivery attempt, recorded in the ledger.
    private func attempt(_ email: OutgoingEmail) async -> OutgoingEmail {
        var updated = email
        let id = email.id ?? 0
        let time = Int(now().timeIntervalSince1970)
        do {
            // Named by the message and its queueing time: delivered again after a crash, it replaces its own file.
            let delivery = try await transport.deliver(email.message, messageID: email.messageID, timeout: .seconds(settings.timeoutSeconds),
                                                       now: Date(timeIntervalSince1970: TimeInterval(email.createdAt)))
            remember(Attempt(delivered: delivery, error: nil, retryAt: nil, at: time), id: id, messageID: email.messageID)
            logger.info("email sent", metadata: ["message_id": "\(email.messageID)", "customer": "\(email.customerID)",
                                                 "kind": "\(email.kind.rawValue)", "delivery": "\(delivery)"])
            updated.status = .sent
            updated.delivery = delivery
        } catch {
            let attempts = email.attempts + 1
            let pauses = [60, 300, 900, 3_600, 14_400]
            let retryAt = attempts < settings.attempts ? time + pauses[min(attempts - 1, pauses.count - 1)] : nil
            remember(Attempt(delivered: nil, error: error.description, retryAt: retryAt, at: time), id: id, messageID: email.messageID)
            logger.warning("email delivery failed", metadata: [
                "message_id": "\(email.messageID)", "customer": "\(email.customerID)", "attempt": "\(attempts)",
                "reason": "\(error.description)", "next": "\(retryAt.map { "in \($0 - time) s" } ?? "none: listed as failed")",
            ])
            updated.status = retryAt == nil ? .failed : .queued
            updated.lastError = error.description
        }
        updated.attempts += 1
        return updated
    }

    /// Writes `outcome` of message `id` to the ledger, or keeps it for the next round when that fails.
    private func remember(_ outcome: Attempt, id: Int64, messageID: String) {
        unrecorded[id] = outcome
        _ = record(id: id, messageID: messageID)
    }

    /// Writes the kept outcome of message `id`; true once it is in the ledger.
    private func record(id: Int64, messageID: String?) -> Bool {
        guard let outcome = unrecorded[id] else { return true }
        do {
            try ledger.recordEmailAttempt(id: id, delivered: outcome.delivered, error: outcome.error, retryAt: outcome.retryAt,
                                          at: outcome.at)
            unrecorded[id] = nil
            return true
        } catch {
            logger.error("email outcome not recorded; kept to record again", metadata: [
                "email": "\(id)", "message_id": "\(messageID ?? "")", "sent": "\(outcome.delivered != nil)",
                "reason": "\(error.action): \(error.reason)",
            ])
            return false
        }
    }
}
