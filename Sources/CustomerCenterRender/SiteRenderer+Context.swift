import CustomerCenterContent
import CustomerCenterModel

extension SiteRenderer {
    /// What every page's layout needs: language, texts, merchant, links to pages and assets. Built
    /// once per language for the personal pages' and the site root's paths (`siteContexts`): it holds
    /// every text of a language, too much to build for each page.
    func siteContext(language: String, root: String, personal: Bool) -> [String: TemplateValue] {
        siteContexts[SiteRenderer.siteContextKey(language: language, root: root, personal: personal)]
            ?? buildSiteContext(language: language, root: root, personal: personal)
    }

    static func siteContextKey(language: String, root: String, personal: Bool) -> String {
        language + "\u{0}" + root + (personal ? "\u{0}p" : "\u{0}")
    }

    func buildSiteContext(language: String, root: String, personal: Bool) -> [String: TemplateValue] {
        let merchant = config.merchant
        var merchantContext: [String: TemplateValue] = [
            "name": .text(merchant.name),
            "address": .texts(merchant.addressLines),
            "email": .text(merchant.email),
        ]
        if let phone = merchant.phone { merchantContext["phone"] = .text(phone) }
        if let website = merchant.website { merchantContext["website"] = .text(website) }
        if let vatID = merchant.vatID { merchantContext["vatID"] = .text(vatID) }
        var assetContext: [String: String] = [:]
        for (name, path) in assets { assetContext[name.replacingOccurrences(of: ".", with: "_")] = root + path }
        let linkedPages = pages(for: language).map { page -> [String: TemplateValue] in
            ["title": .text(page.title), "href": .text(root + page.sitePath)]
        }
        return [
            "lang": .text(language),
            "t": .texts(translations.table(language)),
            "root": .text(root),
            "home": .text(root.isEmpty ? "./" : root),
            "assets": .texts(assetContext),
            "site": ["title": .text(config.title), "baseURL": .text(config.baseURL)],
            "merchant": .object(merchantContext),
            "pages": .objects(linkedPages),
            "hasPages": .bool(!linkedPages.isEmpty),
            "personal": .bool(personal),
            "robots": personal ? "noindex, nofollow" : "index, follow",
        ]
    }

    /// The personal page's context: the customer and each account's statement.
    func customerContext(_ customer: Customer, checkouts: [PendingCheckout] = [],
                         references: [TransferPurpose: CreditorReference] = [:], transfers: [AnnouncedTransfer] = []) -> [String: TemplateValue] {
        let locale = CustomerLocale(customer.locale) ?? config.defaultLocale
        let language = locale.language
        let format = LocaleFormat(locale)
        var context = siteContext(language: language, root: "../../", personal: true)
        let statements = customer.accounts.map { AccountStatement(account: $0, asOf: today) }
        let accounts = zip(customer.accounts, statements).map { account, statement -> [String: TemplateValue] in
            var context = accountContext(account, statement: statement, customer: customer, format: format, language: language,
                                         references: references)
            let mine = checkouts.filter { $0.accountID == account.id }
            if !mine.isEmpty {
                context["checkouts"] = .objects(mine.map { checkout -> [String: TemplateValue] in
                    let values = ["amount": format.money(checkout.amount), "date": format.date(checkout.started),
                                  "method": translations.text("method_text_\(checkout.method.rawValue)", language)]
                    return ["text": .text(translations.text("checkout_\(checkout.status.rawValue)", language, values)),
                            "status": .text(checkout.status.rawValue)]
                })
            }
            let announced = transfers.filter { $0.accountID == account.id }
            if !announced.isEmpty {
                context["announcedTransfers"] = .objects(announced.map { announcedTransferContext($0, format: format, language: language) })
            }
            return context
        }
        var customerContext: [String: TemplateValue] = ["id": .text(customer.id), "name": .text(customer.name)]
        if let email = customer.email { customerContext["email"] = .text(email) }
        context["customer"] = .object(customerContext)
        context["accounts"] = .objects(accounts)
        context["hasAccounts"] = .bool(!accounts.isEmpty)
        if let summary = summaryContext(statements, format: format, language: language) { context["summary"] = .object(summary) }
        context["asOf"] = .text(format.date(today))
        context["intro"] = .text(translations.text("intro", language, ["as_of": format.date(today)]))
        return context
    }

    func accountContext(_ account: Account, statement given: AccountStatement? = nil, customer: Customer, format: LocaleFormat,
                        language: String, references: [TransferPurpose: CreditorReference] = [:]) -> [String: TemplateValue] {
        let statement = given ?? AccountStatement(account: account, asOf: today)
        let text = { (key: String, values: [String: String]) in self.translations.text(key, language, values) }
        var context: [String: TemplateValue] = [
            "id": .text(account.id),
            "kind": .text(account.kind.rawValue),
            "kindLabel": .text(text("kind_\(account.kind.rawValue)", [:])),
            "title": .text(account.label ?? text("account_title_\(account.kind.rawValue)", ["id": account.id])),
            "hasLabel": .bool(account.label != nil),
            "currency": .text(account.currency.code),
            "isInvoice": .bool(account.kind == .invoice),
            "isPrepaid": .bool(account.kind == .prepaid),
        ]
        let transferEnabled = config.paymentMethods.contains(.transfer)
        if let form = payFormContext(customer: customer, account: account, statement: statement, format: format, language: language) {
            context["payForm"] = .object(form)
        }
        if let form = selectionFormContext(customer: customer, account: account, statement: statement, format: format, language: language) {
            context["selectionForm"] = .object(form)
        }
        switch account.kind {
        case .invoice:
            let open = statement.openInvoices.map { line -> [String: TemplateValue] in
                var context = invoiceContext(line, format: format, text: text)
                if let url = invoicePayURL(customer: customer, account: account, line: line, format: format) { context["payURL"] = .text(url) }
                if let document = documentLink(customer: customer, invoice: line.invoice) { context["document"] = .texts(document) }
                return context
            }
            let paid = statement.paidInvoices.reversed().map { line -> [String: TemplateValue] in
                var context = invoiceContext(line, format: format, text: text)
                if let document = documentLink(customer: customer, invoice: line.invoice) { context["document"] = .texts(document) }
                return context
            }
            let payments = account.payments.enumerated()
                .sorted { ($0.element.date, $0.offset) > ($1.element.date, $1.offset) }
                .map { paymentContext($0.element, allocations: statement.allocations[$0.offset] ?? [], format: format, text: text) }
            context["openTotal"] = .text(format.money(statement.totalOpen))
            context["hasOpen"] = .bool(statement.totalOpen.isPositive)
            context["credit"] = .text(format.money(statement.credit))
            context["hasCredit"] = .bool(statement.credit.isPositive)
            context["settled"] = .bool(!statement.totalOpen.isPositive)
            context["hasInvoices"] = .bool(!account.invoices.isEmpty)
            context["overdueCount"] = .int(statement.openInvoices.filter { $0.status == .overdue }.count)
            context["hasOverdue"] = .bool(statement.openInvoices.contains { $0.status == .overdue })
            context["openInvoices"] = .objects(open)
            context["hasOpenInvoices"] = .bool(!open.isEmpty)
            context["paidInvoices"] = .objects(paid)
            context["hasPaidInvoices"] = .bool(!paid.isEmpty)
            context["paidInvoicesSummary"] = .text(text("paid_invoices_summary", ["count": String(paid.count)]))
            context["payments"] = .objects(payments)
            context["hasPayments"] = .bool(!payments.isEmpty)
            if transferEnabled, statement.totalOpen.isPositive {
                let numbers = statement.openInvoices.map(\.invoice.number)
                let reference = numbers.count <= 3 ? numbers.joined(separator: ", ") : account.id
                var transfer = transferContext(amount: format.money(statement.totalOpen), reference: reference)
                // With RF references, one transfer (and GiroCode) per open invoice.
                let items = statement.openInvoices.compactMap { line -> [String: TemplateValue]? in
                    guard let rf = references[.invoice(accountID: account.id, number: line.invoice.number)] else { return nil }
                    return transferItem(label: text("invoice", [:]) + " " + line.invoice.number, amount: line.open, reference: rf, format: format)
                }
                if !items.isEmpty { transfer["items"] = .objects(items) }
                context["transfer"] = .object(transfer)
            }
        case .prepaid:
            let transactions = account.transactions.enumerated()
                .sorted { ($0.element.date, $0.offset) > ($1.element.date, $1.offset) }
                .map { entry -> [String: TemplateValue] in
                    let transaction = entry.element
                    var description = transaction.description
                    if description.isEmpty, let method = transaction.method {
                        description = text("top_up_via", ["method": text("method_text_\(method.rawValue)", [:])])
                    }
                    return [
                        "date": .text(format.date(transaction.date)),
                        "description": .text(description),
                        "amount": .text((transaction.amount.isPositive ? "+" : "") + format.money(transaction.amount)),
                        "isCredit": .bool(transaction.amount.isPositive),
                    ]
                }
            context["balance"] = .text(format.money(statement.prepaidBalance))
            context["balanceNegative"] = .bool(statement.prepaidBalance.isNegative)
            context["transactions"] = .objects(transactions)
            context["hasTransactions"] = .bool(!transactions.isEmpty)
            if transferEnabled {
                var transfer = transferContext(amount: nil, reference: account.id)
                if let rf = references[.prepaid(accountID: account.id)] {
                    transfer["items"] = [.object(transferItem(label: text("top_up_any_amount", [:]), amount: nil, reference: rf, format: format))]
                }
                context["transfer"] = .object(transfer)
            }
        }
        return context
    }

    func invoiceContext(_ line: AccountStatement.InvoiceLine, format: LocaleFormat,
                        text: (String, [String: String]) -> String) -> [String: TemplateValue] {
        var context: [String: TemplateValue] = [
            "number": .text(line.invoice.number),
            "issued": .text(format.date(line.invoice.issued)),
            "due": .text(format.date(line.invoice.due)),
            "amount": .text(format.money(line.invoice.amount)),
            "paid": .text(format.money(line.paid)),
            "hasPaid": .bool(line.paid.isPositive),
            "open": .text(format.money(line.open)),
            "status": .text(line.status.rawValue),
            "statusLabel": .text(text("status_\(line.status.rawValue)", [:])),
            "isOverdue": .bool(line.status == .overdue),
            "partlyPaid": .bool(line.paid.isPositive && line.open.isPositive),
        ]
        if let description = line.invoice.description { context["description"] = .text(description) }
        // Keys are left out rather than set to "": Mustache treats an empty string as present.
        if line.status == .overdue {
            context["statusNote"] = .text(text(line.daysOverdue == 1 ? "days_overdue_one" : "days_overdue_other",
                                               ["days": String(line.daysOverdue)]))
        }
        return context
    }

    /// One payment row with the invoice it went to; where it went to several invoices or to credit,
    /// the row lists each invoice with its part, and the credit.
    func paymentContext(_ payment: Payment, allocations: [AccountStatement.Allocation], format: LocaleFormat,
                        text: (String, [String: String]) -> String) -> [String: TemplateValue] {
        var context: [String: TemplateValue] = [
            "date": .text(format.date(payment.date)),
            "amount": .text(format.money(payment.amount)),
            "method": .text(text("method_\(payment.method.rawValue)", [:])),
        ]
        if let number = payment.invoiceNumber { context["invoice"] = .text(number) }
        // The invoices the customer ticked to pay with it.
        if !payment.selectedInvoices.isEmpty { context["invoice"] = .text(payment.selectedInvoices.joined(separator: ", ")) }
        if let reference = payment.reference { context["reference"] = .text(reference) }
        if payment.refunded.isPositive {
            context["refunded"] = .text(text("refunded_amount", ["amount": format.money(payment.refunded)]))
        }
        if allocations.count == 1, let number = allocations[0].invoiceNumber {
            // All of it went to one invoice: that invoice, whichever the payer named.
            context["invoice"] = .text(number)
        } else if !allocations.isEmpty {
            context["split"] = .objects(allocations.map { part -> [String: TemplateValue] in
                ["label": .text(part.invoiceNumber ?? text("credit_part", [:])), "amount": .text(format.money(part.amount)),
                 "isCredit": .bool(part.invoiceNumber == nil)]
            })
        }
        return context
    }

    func transferContext(amount: String?, reference: String) -> [String: TemplateValue] {
        var context: [String: TemplateValue] = [
            "holder": .text(config.bank.holder),
            "iban": .text(IBAN.grouped(config.bank.iban)),
            "bic": .text(config.bank.bic),
            "reference": .text(reference),
        ]
        if let amount { context["amount"] = .text(amount) }
        if let bankName = config.bank.bankName { context["bankName"] = .text(bankName) }
        return context
    }

    /// One transfer instruction with its RF reference and, in euro, a GiroCode a banking app can scan.
    func transferItem(label: String, amount: Money?, reference: CreditorReference, format: LocaleFormat) -> [String: TemplateValue] {
        var item: [String: TemplateValue] = ["label": .text(label), "reference": .text(reference.printed)]
        if let amount { item["amount"] = .text(format.money(amount)) }
        if let image = giroCodeImage(amount: amount, reference: reference) { item["qr"] = .text(image) }
        return item
    }

    /// The GiroCode (EPC069-12) of a transfer to the merchant's account; nil outside euro. Drawn
    /// here (emails, at their own scale); pages take theirs through the kept codes (`giroCodeImage`).
    func giroCode(amount: Money?, reference: CreditorReference) -> QRCode? {
        giroCodePayload(amount: amount, reference: reference).flatMap(QRCode.init)
    }

    /// The GiroCode as an inline image for pages.
    func giroCodeImage(amount: Money?, reference: CreditorReference) -> String? {
        // Our own markup: numbers, base64 and a fixed label only, so it is inserted as it is.
        let label = "GiroCode " + reference.printed
        guard let giroCodes else { return giroCode(amount: amount, reference: reference)?.imageTag(label: label) }
        guard let payload = giroCodePayload(amount: amount, reference: reference) else { return nil }
        return giroCodes.imageTag(reference: reference.printed, payload: payload, label: label)
    }

    /// The EPC069-12 payload of a transfer to the merchant's account; nil outside euro.
    func giroCodePayload(amount: Money?, reference: CreditorReference) -> String? {
        try? GiroCode.payload(bic: config.bank.bic, name: String(config.bank.holder.prefix(70)), iban: config.bank.iban,
                              amount: amount, reference: reference)
    }

    /// The announced-transfer block for a receiver page (the `/topup` confirmation), in `customer`'s language.
    public func announcedTransferBlock(_ transfer: AnnouncedTransfer, customer: Customer) -> [String: TemplateValue] {
        let locale = CustomerLocale(customer.locale) ?? config.defaultLocale
        return announcedTransferContext(transfer, format: LocaleFormat(locale), language: locale.language)
    }

    /// A transfer the customer announced (or the merchant received): status, and while it waits for
    /// the money, everything needed to send it, with its GiroCode.
    func announcedTransferContext(_ transfer: AnnouncedTransfer, format: LocaleFormat, language: String) -> [String: TemplateValue] {
        let text = { (key: String, values: [String: String]) in self.translations.text(key, language, values) }
        let shown = transfer.received ?? transfer.amount
        let amount = shown.map { format.money($0) } ?? ""
        var context: [String: TemplateValue] = [
            "status": .text(transfer.status.rawValue),
            "statusLabel": .text(text("transfer_status_\(transfer.status.rawValue)", [:])),
            "title": .text(transfer.status == .received || transfer.amount == nil
                ? text("transfer_received_title", ["amount": amount])
                : text("transfer_title", ["amount": amount, "date": format.date(transfer.announced)])),
        ]
        let expiry = transfer.expires.map { format.date($0) } ?? ""
        switch transfer.status {
        case .announced:
            context["note"] = .text(text("transfer_announced_note", ["date": expiry]))
            var details = transferContext(amount: amount, reference: transfer.reference.printed)
            if let image = giroCodeImage(amount: transfer.amount, reference: transfer.reference) { details["qr"] = .text(image) }
            context["details"] = .object(details)
        case .received: context["note"] = .text(text("transfer_received_note", [:]))
        case .rejected: context["note"] = .text(text("transfer_rejected_note", [:]))
        case .expired: context["note"] = .text(text("transfer_expired_note", ["date": expiry]))
        case .approved: break
        }
        return context
    }

    /// The bank-transfer purposes a page quotes: each prepaid account, and each open invoice (with the
    /// ledger's money taken into account). Empty when transfers are not offered.
    public func transferPurposes(_ customer: Customer, activity: CustomerActivity) -> [TransferPurpose] {
        guard config.paymentMethods.contains(.transfer) else { return [] }
        var purposes: [TransferPurpose] = []
        for account in customer.accounts {
            switch account.kind {
            case .prepaid:
                purposes.append(.prepaid(accountID: account.id))
            case .invoice:
                let statement = AccountStatement(account: account.including(activity.recorded), asOf: today)
                purposes += statement.openInvoices.map { .invoice(accountID: account.id, number: $0.invoice.number) }
            }
        }
        return purposes
    }
}
