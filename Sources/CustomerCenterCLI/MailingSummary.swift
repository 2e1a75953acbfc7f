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
        let earlier = report.deliveredFromEarlier
        if report.queued == 0, earlier == 0, undelivered == 0 { return "nothing new to deliver." }
        // A resumed mailing also delivers what the interrupted run had queued but not sent.
        let resumed = earlier > 0 ? ", including \(count(earlier, "message")) an earlier run had queued but not sent" : ""
        if undelivered == 0 { return "all delivered\(resumed)." }
        return "\(undelivered) not delivered yet, retried later (see `customer-center emails`)\(resumed)."
    }

    private static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }
}
