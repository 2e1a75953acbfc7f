import CustomerCenterModel

extension SiteRenderer {
    /// The reminder of overdue invoices, as of the renderer's day: per account the invoices with due
    /// date, open amount and how long overdue, the total, and with bank transfers offered the
    /// transfer details as in the payment request: payee, IBAN, BIC, and per invoice its RF
    /// reference and a GiroCode for its open amount (euro only). `invoices` in the order shown.
    public func renderReminder(customer: Customer, invoices: [OverdueInvoice]) -> RenderedEmail {
        let (language, format) = emailLocale(customer)
        let text = { (key: String, values: [String: String]) in self.translations.text(key, language, values) }
        var context = emailContext(customer, language: language)
        var images: [RenderedEmail.Image] = []
        var accounts: [(id: String, title: String, invoices: [[String: TemplateValue]])] = []
        for invoice in invoices {
            var item: [String: TemplateValue] = [
                "number": .text(invoice.line.invoice.number),
                "due": .text(format.date(invoice.line.invoice.due)),
                "amount": .text(format.money(invoice.line.invoice.amount)),
                "open": .text(format.money(invoice.line.open)),
                "partlyPaid": .bool(invoice.line.paid.isPositive),
                "overdue": .text(text(invoice.line.daysOverdue == 1 ? "email_reminder_overdue_one" : "email_reminder_overdue_other",
                                      ["days": String(invoice.line.daysOverdue)])),
            ]
            if let description = invoice.line.invoice.description { item["description"] = .text(description) }
            if let reference = invoice.reference {
                item["reference"] = .text(reference.printed)
                if let png = giroCode(amount: invoice.line.open, reference: reference)?.png(scale: 6) {
                    let contentID = "girocode-\(images.count + 1)@customer-center"
                    images.append(RenderedEmail.Image(contentID: contentID, filename: "girocode-\(invoice.line.invoice.number).png", png: png))
                    item["qrSource"] = .text("cid:" + contentID)
                }
            }
            // Invoices come grouped by account: a new account starts a new group.
            if let last = accounts.last, last.id == invoice.account.id {
                accounts[accounts.count - 1].invoices.append(item)
            } else {
                accounts.append((invoice.account.id, accountName(invoice.account, language: language), [item]))
            }
        }
        let total = Self.totals(invoices.map(\.line.open)).map { format.money($0) }.joined(separator: " + ")
        let count = String(invoices.count)
        let subject = total.isEmpty || total.contains("+")
            ? text("email_reminder_subject_count", ["count": count])
            : text("email_reminder_subject", ["amount": total])
        context["subject"] = .text(subject)
        context["intro"] = .text(text(invoices.count == 1 ? "email_reminder_intro_one" : "email_reminder_intro_other",
                                      ["date": format.date(today), "count": count]))
        context["accounts"] = .list(accounts.map { ["id": .text($0.id), "title": .text($0.title), "invoices": .objects($0.invoices)] })
        if !total.isEmpty { context["total"] = .text(text("email_reminder_total", ["amount": total])) }
        if invoices.contains(where: { $0.reference != nil }) {
            context["bank"] = .object(transferContext(amount: nil, reference: ""))
            context["transferIntro"] = .text(text("email_reminder_transfer_intro", [:]))
            context["referenceHint"] = .text(text("email_request_reference_hint", [:]))
        }
        // Pay forms are on the page only with pay links on (a provider and its key).
        if payLinkKey != nil, !config.onlineMethods.isEmpty { context["payOnline"] = .text(text("email_reminder_pay_online", [:])) }
        context["alreadyPaid"] = .text(text("email_reminder_already_paid", [:]))
        return RenderedEmail(kind: "reminder", subject: subject,
                             text: templates.render("emails/reminder-text", context),
                             html: templates.render("emails/reminder-html", context),
                             images: images)
    }

    /// The sum per currency, in the order the currencies first appear; empty when a sum would overflow.
    static func totals(_ amounts: [Money]) -> [Money] {
        var sums: [(currency: Currency, minorUnits: Int)] = []
        for amount in amounts {
            if let index = sums.firstIndex(where: { $0.currency == amount.currency }) {
                let (sum, overflow) = sums[index].minorUnits.addingReportingOverflow(amount.minorUnits)
                if overflow { return [] }
                sums[index].minorUnits = sum
            } else {
                sums.append((amount.currency, amount.minorUnits))
            }
        }
        return sums.map { Money(minorUnits: $0.minorUnits, currency: $0.currency) }
    }
}
