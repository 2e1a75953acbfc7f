import CustomerCenterContent
import CustomerCenterModel

extension SiteRenderer {
    /// Templates the bank-transfer emails need (`Templates/emails/`), checked when the receiver starts.
    public static let emailTemplates = ["emails/payment-request-text", "emails/payment-request-html",
                                        "emails/receipt-text", "emails/receipt-html"]
    /// Templates of the personal-link email (`send-links`, `rotate-link`), checked before a mailing.
    public static let personalLinkTemplates = ["emails/personal-link-text", "emails/personal-link-html"]
    /// Templates of the reminder (`remind`), checked before a mailing.
    public static let reminderTemplates = ["emails/reminder-text", "emails/reminder-html"]

    /// The payment request for a top-up announced by transfer: amount, bank details, the fresh
    /// reference, its GiroCode, the last day, and the personal link.
    public func renderPaymentRequest(customer: Customer, account: Account, amount: Money, reference: CreditorReference,
                                     expires: CalendarDate) -> RenderedEmail {
        let (language, format) = emailLocale(customer)
        let text = { (key: String, values: [String: String]) in self.translations.text(key, language, values) }
        let amountText = format.money(amount)
        var context = emailContext(customer, language: language)
        context["subject"] = .text(text("email_request_subject", ["amount": amountText]))
        context["intro"] = .text(text("email_request_intro", ["amount": amountText, "account": accountName(account, language: language)]))
        context["bank"] = .object(transferContext(amount: amountText, reference: reference.printed))
        context["referenceHint"] = .text(text("email_request_reference_hint", [:]))
        context["expiry"] = .text(text("email_request_expiry", ["date": format.date(expires)]))
        var images: [RenderedEmail.Image] = []
        if let png = giroCode(amount: amount, reference: reference)?.png(scale: 6) {
            images.append(RenderedEmail.Image(contentID: Self.girocodeContentID, filename: "girocode.png", png: png))
            context["qrSource"] = .text("cid:" + Self.girocodeContentID)
        }
        return RenderedEmail(kind: "payment-request", subject: context["subject"]?.textValue ?? "",
                             text: templates.render("emails/payment-request-text", context),
                             html: templates.render("emails/payment-request-html", context),
                             images: images)
    }

    /// The receipt for an approved transfer; `account` includes the approved payment, so the balance
    /// or open amount it quotes is the one after it.
    public func renderReceipt(customer: Customer, account: Account, amount: Money, date: CalendarDate) -> RenderedEmail {
        let (language, format) = emailLocale(customer)
        let text = { (key: String, values: [String: String]) in self.translations.text(key, language, values) }
        let amountText = format.money(amount)
        var context = emailContext(customer, language: language)
        context["subject"] = .text(text("email_receipt_subject", ["amount": amountText]))
        context["intro"] = .text(text("email_receipt_intro", ["amount": amountText, "date": format.date(date),
                                                              "account": accountName(account, language: language)]))
        let statement = AccountStatement(account: account, asOf: today)
        switch account.kind {
        case .prepaid:
            context["state"] = .text(text("email_receipt_balance", ["balance": format.money(statement.prepaidBalance)]))
        case .invoice:
            context["state"] = .text(statement.totalOpen.isPositive
                ? text("email_receipt_open", ["open": format.money(statement.totalOpen)])
                : text("email_receipt_settled", [:]))
        }
        return RenderedEmail(kind: "receipt", subject: context["subject"]?.textValue ?? "",
                             text: templates.render("emails/receipt-text", context),
                             html: templates.render("emails/receipt-html", context))
    }

    static let girocodeContentID = "girocode@customer-center"

    func emailLocale(_ customer: Customer) -> (String, LocaleFormat) {
        let locale = CustomerLocale(customer.locale) ?? config.defaultLocale
        return (locale.language, LocaleFormat(locale))
    }

    func accountName(_ account: Account, language: String) -> String {
        account.label ?? translations.text("account_title_\(account.kind.rawValue)", language, ["id": account.id])
    }

    /// What every email shows: greeting, the personal link, the merchant's signature.
    func emailContext(_ customer: Customer, language: String) -> [String: TemplateValue] {
        var merchant: [String: TemplateValue] = ["name": .text(config.merchant.name), "address": .texts(config.merchant.addressLines),
                                                 "email": .text(config.merchant.email)]
        if let phone = config.merchant.phone { merchant["phone"] = .text(phone) }
        return [
            "lang": .text(language),
            "t": .texts(translations.table(language)),
            "greeting": .text(translations.text("email_greeting", language, ["name": customer.name])),
            "pageURL": .text(personalURL(for: customer)),
            "merchant": .object(merchant),
        ]
    }
}
