import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterSigning

extension SiteRenderer {
    /// When pay links made today expire: the end of the day `linkValidityDays` after it (UTC), so a
    /// page's tokens change at most once a day.
    var payLinkExpiry: Int {
        (today.daysSinceEpoch + config.payLinks.linkValidityDays + 1) * 86_400 - 1
    }

    /// A signed pay token for `account` (and `invoice`), or nil when pay links are off.
    func payToken(customer: Customer, account: Account, invoice: String?, purpose: PayToken.Purpose) -> String? {
        guard let payLinkKey else { return nil }
        return PayToken(customerID: customer.id, accountID: account.id, invoiceNumber: invoice, purpose: purpose,
                        currency: account.currency.code, linkVersion: customer.linkVersion, expiresAt: payLinkExpiry)
            .signed(with: payLinkKey)
    }

    /// The pay form of an account: the receiver's `/pay`, the signed token, a suggested amount and the
    /// methods. None on an invoice account with nothing open: there is nothing to pay, and the form
    /// would talk about the oldest open invoice. Prepaid accounts always keep their top-up form.
    func payFormContext(customer: Customer, account: Account, statement: AccountStatement, format: LocaleFormat,
                        language: String) -> [String: TemplateValue]? {
        let purpose: PayToken.Purpose = account.kind == .prepaid ? .topUp : .settle
        guard purpose == .topUp || statement.totalOpen.isPositive,
              let token = payToken(customer: customer, account: account, invoice: nil, purpose: purpose) else { return nil }
        let amount = purpose == .settle ? format.inputAmount(statement.totalOpen) : nil
        return payForm(account: account, token: token, purpose: purpose, amount: amount, method: nil, error: nil, format: format,
                       language: language)
    }

    /// The pay form again on the receiver's error page (GOV.UK's error message pattern): the same
    /// token, what the customer typed and the method they chose, the error attached to the amount
    /// field. Nil when the account has no method to pay with.
    public func payFormAgain(customer: Customer, account: Account, token: String, purpose: PayToken.Purpose, typed: String,
                             method: String?, error: String) -> [String: TemplateValue]? {
        let locale = CustomerLocale(customer.locale) ?? config.defaultLocale
        return payForm(account: account, token: token, purpose: purpose, amount: typed, method: method, error: error,
                       format: LocaleFormat(locale), language: locale.language)
    }

    /// What `partials/pay-form` shows: the amount field with the currency in its label and beside it,
    /// a hint with an example as the customer writes amounts, the methods (`method` or the first
    /// one chosen), and an error message when the form comes back.
    func payForm(account: Account, token: String, purpose: PayToken.Purpose, amount: String?, method: String?, error: String?,
                 format: LocaleFormat, language: String) -> [String: TemplateValue]? {
        // A top-up can also be announced as a bank transfer (the receiver's /topup, through /pay).
        let offersTransfer = purpose == .topUp && config.paymentMethods.contains(.transfer)
        let methods = config.onlineMethods + (offersTransfer ? [.transfer] : [])
        guard !methods.isEmpty else { return nil }
        let chosen = methods.first { $0.rawValue == method } ?? methods[0]
        let sign = format.currencySign(account.currency)
        let example = Money(minorUnits: 20 * account.currency.minorUnitsPerMajor, currency: account.currency)
        var context: [String: TemplateValue] = [
            "action": .text(config.receiverURL + "/pay"),
            "token": .text(token),
            "formID": .text("pay-" + account.id),
            "currencyNote": .text(translations.text("in_currency", language, ["currency": sign.text])),
            "currencySign": .text(sign.text),
            "signBefore": .bool(sign.before),
            "amountHint": .text(translations.text("amount_hint", language, ["example": format.inputAmount(example)])),
            "methods": .objects(methods.map { method -> [String: TemplateValue] in
                ["value": .text(method.rawValue), "label": .text(translations.text("method_\(method.rawValue)", language, [:])),
                 "checked": .bool(method == chosen), "id": .text("pay-\(account.id)-\(method.rawValue)")]
            }),
            "isTopUp": .bool(purpose == .topUp),
            "offersTransfer": .bool(offersTransfer),
        ]
        if let amount, !amount.isEmpty { context["amount"] = .text(amount) }
        if let error { context["error"] = .text(error) }
        return context
    }

    /// `https://pay.../pay?token=...&amount=...`: pays exactly the open amount of one invoice.
    func invoicePayURL(customer: Customer, account: Account, line: AccountStatement.InvoiceLine, format: LocaleFormat) -> String? {
        guard !config.onlineMethods.isEmpty, line.open.isPositive,
              let token = payToken(customer: customer, account: account, invoice: line.invoice.number, purpose: .settle) else { return nil }
        return config.receiverURL + "/pay?token=" + token + "&amount=" + format.inputAmount(line.open)
    }
}

extension SiteRenderer {
    /// The invoice-selection form of an invoice account with two or more open invoices: a checkbox
    /// per open invoice (the oldest due `PayToken.maximumSelectableInvoices`) and a token that signs
    /// which invoices may be ticked. The receiver charges the sum of those ticked, after a page that
    /// shows the sum and asks for the method (no script needed to add it up). Nil when pay links are
    /// off or fewer than two invoices are open.
    func selectionFormContext(customer: Customer, account: Account, statement: AccountStatement, format: LocaleFormat,
                              language: String) -> [String: TemplateValue]? {
        let open = Array(statement.openInvoices.prefix(PayToken.maximumSelectableInvoices))
        guard account.kind == .invoice, open.count >= 2, let payLinkKey, !config.onlineMethods.isEmpty else { return nil }
        guard let token = PayToken(customerID: customer.id, accountID: account.id, invoiceNumber: nil, purpose: .settle,
                                   currency: account.currency.code, linkVersion: customer.linkVersion, expiresAt: payLinkExpiry,
                                   selectableInvoices: open.map(\.invoice.number)).signed(with: payLinkKey) else { return nil }
        let formID = "select-" + account.id
        let text = { (key: String) in self.translations.text(key, language, [:]) }
        return [
            "action": .text(config.receiverURL + "/pay"),
            "token": .text(token),
            "formID": .text(formID),
            "invoices": .objects(open.enumerated().map { index, line -> [String: TemplateValue] in
                var item: [String: TemplateValue] = [
                    "id": .text("\(formID)-\(index + 1)"),
                    "number": .text(line.invoice.number),
                    "open": .text(format.money(line.open)),
                    "due": .text(format.date(line.invoice.due)),
                    "status": .text(line.status.rawValue),
                    "statusLabel": .text(text("status_\(line.status.rawValue)")),
                ]
                if let description = line.invoice.description { item["description"] = .text(description) }
                return item
            }),
        ]
    }
}
