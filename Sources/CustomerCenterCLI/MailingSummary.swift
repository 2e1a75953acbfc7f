import CustomerCenterApplication

/// The one-line summaries of the mailing commands.
enum MailingSummary {
    /// `Queued 8 personal links (0 already sent before, 1 left out); all delivered.`
    static func links(_ report: MailingReport) -> String {
        "Queued \(count(report.queued, "personal link")) (\(report.alreadySent) already sent before, \(report.skipped.count) left out); "
            + delivery(report)
    }

    /// `Queued 5 reminders of 9 invoices (2 invoices reminded within the interval, 0 customers left out); all delivered.`
    static func reminders(_ report: MailingReport) -> String {
        "Queued \(count(report.queued, "reminder")) of \(count(report.invoices, "invoice")) (\(count(report.alreadySent, "invoice")) "
            + "reminded within the interval, \(count(report.skipped.count, "customer")) left out); " + delivery(report)
    }

    private static func delivery(_ report: MailingReport) -> String {
        guard let undelivered = report.undelivered else { return "see `customer-center emails` for their delivery." }
        if report.queued == 0 { return "nothing new to deliver." }
        if undelivered == 0 { return "all delivered." }
        return "\(undelivered) not delivered yet, retried later (see `customer-center emails`)."
    }

    private static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }
}
