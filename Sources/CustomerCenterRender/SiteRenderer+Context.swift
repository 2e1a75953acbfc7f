import CustomerCenterContent
import CustomerCenterModel

extension SiteRenderer {
    /// What every page's layout needs: language, texts, merchant, links to pages and assets.
    func siteContext(language: String, root: String, personal: Bool) -> [String: Any] {
        let merchant = config.merchant
        var merchantContext: [String: Any] = [
            "name": merchant.name,
            "address": merchant.addressLines,
            "email": merchant.email,
        ]
        if let phone = merchant.phone { merchantContext["phone"] = phone }
        if let website = merchant.website { merchantContext["website"] = website }
        if let vatID = merchant.vatID { merchantContext["vatID"] = vatID }
        var assetContext: [String: String] = [:]
        for (name, path) in assets { assetContext[name.replacingOccurrences(of: ".", with: "_")] = root + path }
        let linkedPages = pages(for: language).map { page -> [String: Any] in
            ["title": page.title, "href": root + page.sitePath]
        }
        return [
            "lang": language,
            "t": translations.table(language),
            "root": root,
            "home": root.isEmpty ? "./" : root,
            "assets": assetContext,
            "site": ["title": config.title, "baseURL": config.baseURL],
            "merchant": merchantContext,
            "pages": linkedPages,
            "hasPages": !linkedPages.isEmpty,
            "personal": personal,
            "robots": personal ? "noindex, nofollow" : "index, follow",
        ]
    }

    /// The personal page's context: the customer and each account's statement.
    func customerContext(_ customer: Customer, checkouts: [PendingCheckout] = [],
                         references: [TransferPurpose: CreditorReference] = [:], transfers: [AnnouncedTransfer] = []) -> [String: Any] {
        let locale = CustomerLocale(customer.locale) ?? config.defaultLocale
        let language = locale.language
        let format = LocaleFormat(locale)
        var context = siteContext(language: language, root: "../../", personal: true)
        let statements = customer.accounts.map { AccountStatement(account: $0, asOf: today) }
        let accounts = zip(customer.accounts, statements).map { account, statement -> [String: Any] in
            var context = accountContext(account, statement: statement, customer: customer, format: format, language: language,
                                         references: references)
            let mine = checkouts.filter { $0.accountID == account.id }
            if !mine.isEmpty {
                context["checkouts"] = mine.map { checkout -> [String: Any] in
                    let values = ["amount": format.money(checkout.amount), "date": format.date(checkout.started),
                                  "method": translations.text("method_text_\(checkout.method.rawValue)", language)]
                    return ["text": translations.text("checkout_\(checkout.status.rawValue)", language, values),
                            "status": checkout.status.rawValue]
                }
            }
            let announced = transfers.filter { $0.accountID == account.id }
            if !announced.isEmpty {
                context["announcedTransfers"] = announced.map { announcedTransferContext($0, format: format, language: language) }
            }
            return context
        }
        var customerContext: [String: Any] = ["id": customer.id, "name": customer.name]
        if let email = customer.email { customerContext["email"] = email }
        context["customer"] = customerContext
        context["accounts"] = accounts
        context["hasAccounts"] = !accounts.isEmpty
        if let summary = summaryContext(statements, format: format, language: language) { context["summary"] = summary }
        context["asOf"] = format.date(today)
        context["intro"] = translations.text("intro", language, ["as_of": format.date(today)])
        return context
    }

    func accountContext(_ account: Account, statement given: AccountStatement? = nil, customer: Customer, format: LocaleFormat,
                        language: String, references: [TransferPurpose: CreditorReference] = [:]) -> [String: Any] {
        let statement = given ?? AccountStatement(account: account, asOf: today)
        let text = { (key: String, values: [String: String]) in self.translations.text(key, language, values) }
        var context: [String: Any] = [
            "id": account.id,
            "kind": account.kind.rawValue,
            "kindLabel": text("kind_\(account.kind.rawValue)", [:]),
            "title": account.label ?? text("account_title_\(account.kind.rawValue)", ["id": account.id]),
            "hasLabel": account.label != nil,
            "currency": account.currency.code,
            "isInvoice": account.kind == .invoice,
            "isPrepaid": account.kind == .prepaid,
        ]
        let transferEnabled = config.paymentMethods.contains(.transfer)
        if let form = payFormContext(customer: customer, account: account, statement: statement, format: format, language: language) {
            context["payForm"] = form
        }
        if let form = selectionFormContext(customer: customer, account: account, statement: statement, format: format, language: language) {
            context["selectionForm"] = form
        }
        switch account.kind {
        case .invoice:
            let open = statement.openInvoices.map { line -> [String: Any] in
                var context = invoiceContext(line, format: format, text: text)
                if let url = invoicePayURL(customer: customer, account: account, line: line, format: format) { context["payURL"] = url }
                if let document = documentLink(customer: customer, invoice: line.invoice) { context["document"] = document }
                return context
            }
            let paid = statement.paidInvoices.reversed().map { line -> [String: Any] in
                var context = invoiceContext(line, format: format, text: text)
                if let document = documentLink(customer: customer, invoice: line.invoice) { context["document"] = document }
                return context
            }
            let payments = account.payments.enumerated()
                .sorted { ($0.element.date, $0.offset) > ($1.element.date, $1.offset) }
                .map { paymentContext($0.element, allocations: statement.allocations[$0.offset] ?? [], format: format, text: text) }
            context["openTotal"] = format.money(statement.totalOpen)
            context["hasOpen"] = statement.totalOpen.isPositive
            context["credit"] = format.money(statement.credit)
            context["hasCredit"] = statement.credit.isPositive
            context["settled"] = !statement.totalOpen.isPositive
            context["hasInvoices"] = !account.invoices.isEmpty
            context["overdueCount"] = statement.openInvoices.filter { $0.status == .overdue }.count
            context["hasOverdue"] = statement.openInvoices.contains { $0.status == .overdue }
            context["openInvoices"] = open
            context["hasOpenInvoices"] = !open.isEmpty
            context["paidInvoices"] = paid
            context["hasPaidInvoices"] = !paid.isEmpty
            context["paidInvoicesSummary"] = text("paid_invoices_summary", ["count": String(paid.count)])
            context["payments"] = payments
            context["hasPayments"] = !payments.isEmpty
            if transferEnabled, statement.totalOpen.isPositive {
                let numbers = statement.openInvoices.map(\.invoice.number)
                let reference = numbers.count <= 3 ? numbers.joined(separator: ", ") : account.id
                var transfer = transferContext(amount: format.money(statement.totalOpen), reference: reference)
                // With RF references, one transfer (and GiroCode) per open invoice.
                let items = statement.openInvoices.compactMap { line -> [String: Any]? in
                    guard let rf = references[.invoice(accountID: account.id, number: line.invoice.number)] else { return nil }
                    return transferItem(label: text("invoice", [:]) + " " + line.invoice.number, amount: line.open, reference: rf, format: format)
                }
                if !items.isEmpty { transfer["items"] = items }
                context["transfer"] = transfer
            }
        case .prepaid:
            let transactions = account.transactions.enumerated()
                .sorted { ($0.element.date, $0.offset) > ($1.element.date, $1.offset) }
                .map { entry -> [String: Any] in
                    let transaction = entry.element
                    var description = transaction.description
                    if description.isEmpty, let method = transaction.method {
                        description = text("top_up_via", ["method": text("method_text_\(method.rawValue)", [:])])
                    }
                    return [
                        "date": format.date(transaction.date),
                        "description": description,
                        "amount": (transaction.amount.isPositive ? "+" : "") + format.money(transaction.amount),
                        "isCredit": transaction.amount.isPositive,
                    ]
                }
            context["balance"] = format.money(statement.prepaidBalance)
            context["balanceNegative"] = statement.prepaidBalance.isNegative
            context["transactions"] = transactions
            context["hasTransactions"] = !transactions.isEmpty
            if transferEnabled {
                var transfer = transferContext(amount: nil, reference: account.id)
                if let rf = references[.prepaid(accountID: account.id)] {
                    transfer["items"] = [transferItem(label: text("top_up_any_amount", [:]), amount: nil, reference: rf, format: format)]
                }
                context["transfer"] = transfer
            }
        }
        return context
    }

    func invoiceContext(_ line: AccountStatement.InvoiceLine, format: LocaleFormat,
                        text: (String, [String: String]) -> String) -> [String: Any] {
        var context: [String: Any] = [
            "number": line.invoice.number,
            "issued": format.date(line.invoice.issued),
            "due": format.date(line.invoice.due),
            "amount": format.money(line.invoice.amount),
            "paid": format.money(line.paid),
            "hasPaid": line.paid.isPositive,
            "open": format.money(line.open),
            "status": line.status.rawValue,
            "statusLabel": text("status_\(line.status.rawValue)", [:]),
            "isOverdue": line.status == .overdue,
            "partlyPaid": line.paid.isPositive && line.open.isPositive,
        ]
        if let description = line.invoice.description { context["description"] = description }
        // Keys are left out rather than set to "": Mustache treats an empty string as present.
        if line.status == .overdue {
            context["statusNote"] = text(line.daysOverdue == 1 ? "days_overdue_one" : "days_overdue_other",
                                         ["days": String(line.daysOverdue)])
        }
        return context
    }

    /// One payment row with the invoice it went to; where it went to several invoices or to credit,
    /// the row lists each invoice with its part, and the credit.
    func paymentContext(_ payment: Payment, allocations: [AccountStatement.Allocation], format: LocaleFormat,
                        text: (String, [String: String]) -> String) -> [String: Any] {
        var context: [String: Any] = [
            "date": format.date(payment.date),
            "amount": format.money(payment.amount),
            "method": text("method_\(payment.method.rawValue)", [:]),
        ]
        if let number = payment.invoiceNumber { context["invoice"] = number }
        // The invoices the customer ticked to pay with it.
        if !payment.selectedInvoices.isEmpty { context["invoice"] = payment.selectedInvoices.joined(separator: ", ") }
        if let reference = payment.reference { context["reference"] = reference }
        if payment.refunded.isPositive {
            context["refunded"] = text("refunded_amount", ["amount": format.money(payment.refunded)])
        }
        if allocations.count == 1, let number = allocations[0].invoiceNumber {
            // All of it went to one invoice: that invoice, whichever the payer named.
            context["invoice"] = number
        } else if !allocations.isEmpty {
            context["split"] = allocations.map { part -> [String: Any] in
                ["label": part.invoiceNumber ?? text("credit_part", [:]), "amount": format.money(part.amount), "isCredit": part.invoiceNumber == nil]
            }
        }
        return context
    }

    func transferContext(amount: String?, reference: String) -> [String: Any] {
        var context: [String: Any] = [
            "holder": config.bank.holder,
            "iban": IBAN.grouped(config.bank.iban),
            "bic": config.bank.bic,
            "reference": reference,
        ]
        if let amount { context["amount"] = amount }
        if let bankName = config.bank.bankName { context["bankName"] = bankName }
        return context
    }

    /// One transfer instruction with its RF reference and, in euro, a GiroCode a banking app can scan.
    func transferItem(label: String, amount: Money?, reference: CreditorReference, format: LocaleFormat) -> [String: Any] {
        var item: [String: Any] = ["label": label, "reference": reference.printed]
        if let amount { item["amount"] = format.money(amount) }
        if let svg = giroCodeSVG(amount: amount, reference: reference) { item["qr"] = svg }
        return item
    }

    /// The GiroCode (EPC069-12) of a transfer to the merchant's account; nil outside euro.
    func giroCode(amount: Money?, reference: CreditorReference) -> QRCode? {
        guard let payload = try? GiroCode.payload(bic: config.bank.bic, name: String(config.bank.holder.prefix(70)), iban: config.bank.iban,
                                                  amount: amount, reference: reference) else { return nil }
        if let giroCodes { return giroCodes.code(reference: reference.printed, payload: payload) }
        return QRCode(payload)
    }

    /// The GiroCode as inline SVG for pages.
    func giroCodeSVG(amount: Money?, reference: CreditorReference) -> String? {
        // Our own SVG: numbers and a fixed label only, so it is inserted as it is.
        giroCode(amount: amount, reference: reference)?.svg(label: "GiroCode " + reference.printed)
    }

    /// The announced-transfer block for a receiver page (the `/topup` confirmation), in `customer`'s language.
    public func announcedTransferBlock(_ transfer: AnnouncedTransfer, customer: Customer) -> [String: Any] {
        let locale = CustomerLocale(customer.locale) ?? config.defaultLocale
        return announcedTransferContext(transfer, format: LocaleFormat(locale), language: locale.language)
    }

    /// A transfer the customer announced (or the merchant received): status, and while it waits for
    /// the money, everything needed to send it, with its GiroCode.
    func announcedTransferContext(_ transfer: AnnouncedTransfer, format: LocaleFormat, language: String) -> [String: Any] {
        let text = { (key: String, values: [String: String]) in self.translations.text(key, language, values) }
        let shown = transfer.received ?? transfer.amount
        let amount = shown.map { format.money($0) } ?? ""
        var context: [String: Any] = [
            "status": transfer.status.rawValue,
            "statusLabel": text("transfer_status_\(transfer.status.rawValue)", [:]),
            "title": transfer.status == .received || transfer.amount == nil
                ? text("transfer_received_title", ["amount": amount])
                : text("transfer_title", ["amount": amount, "date": format.date(transfer.announced)]),
        ]
        let expiry = transfer.expires.map { format.date($0) } ?? ""
        switch transfer.status {
        case .announced:
            context["note"] = text("transfer_announced_note", ["date": expiry])
            var details = transferContext(amount: amount, reference: transfer.reference.printed)
            if let svg = giroCodeSVG(amount: transfer.amount, reference: transfer.reference) { details["qr"] = svg }
            context["details"] = details
        case .received: context["note"] = text("transfer_received_note", [:])
        case .rejected: context["note"] = text("transfer_rejected_note", [:])
        case .expired: context["note"] = text("transfer_expired_note", ["date": expiry])
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
