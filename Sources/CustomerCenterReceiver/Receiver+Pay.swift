import CustomerCenterApplication
import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterRender
import CustomerCenterSigning
import Foundation

extension Receiver {
    /// `GET /pay?token=…&amount=…&method=…`: checks the signed token, its expiry and link version, the
    /// amount and the method; records a pending payment; asks the provider for a checkout and
    /// redirects there (303). Every refusal is a page in the customer's language with a 4xx status,
    /// and no provider is called.
    ///
    /// From an invoice-selection form, `invoices` are the invoices the customer ticked: each must be
    /// one the token lists and still open, and the amount is what is open on them together.
    public func handlePay(token tokenText: String?, amount amountText: String?, method methodText: String?,
                          invoices: [String] = []) async -> ReceiverPage {
        let request: PayRequest
        switch checkedPayRequest(token: tokenText, amount: amountText, method: methodText, invoices: invoices) {
        case .success(let checked): request = checked
        case .failure(let refusal): return refusal.page
        }
        let (customer, account, token, amount, format, language, back) =
            (request.customer, request.account, request.token, request.amount, request.format, request.language, request.back)
        let nowSeconds = Int(now().timeIntervalSince1970)
        if methodText == SiteConfig.PaymentMethod.transfer.rawValue, token.purpose == .topUp {
            // The prepaid form offers "bank transfer" beside the online methods: announce it.
            return await announceTopUp(request)
        }
        let methods = config.onlineMethods
        guard let methodText, !methodText.isEmpty else {
            // A one-click link or a selection of invoices names no method: show the sum, let the customer choose.
            let chosen = request.selection.map { "&invoice=" + PayQuery.encoded($0) }.joined()
            let choices = methods.map { method -> [String: TemplateValue] in
                ["label": .text(translations(language, "method_\(method.rawValue)")),
                 "href": .text(config.receiverURL + "/pay?token=\(request.tokenText)&amount=\(format.inputAmount(amount))\(chosen)&method=\(method.rawValue)")]
            }
            if !request.selection.isEmpty {
                // Each ticked invoice with what is open on it, one per line (a number never breaks).
                let invoices = request.selection.map { number -> [String: TemplateValue] in
                    ["number": .text(number), "amount": .text(request.selectionOpen[number].map { format.money($0) } ?? "")]
                }
                return message(200, language, "pay_choose_title", "pay_choose_selection_text", values: ["amount": format.money(amount)],
                               back: back, choices: choices, invoices: invoices)
            }
            return message(200, language, "pay_choose_title", "pay_choose_text", values: ["amount": format.money(amount)],
                           back: back, choices: choices)
        }
        guard let method = SiteConfig.PaymentMethod(rawValue: methodText), methods.contains(method),
              let paymentMethod = Payment.Method(rawValue: method.rawValue), let purpose = PaymentEvent.Purpose(rawValue: token.purpose.rawValue),
              let providerName = config.payLinks.provider, let checkout = checkoutProviders[providerName] else {
            return message(422, language, "pay_method_title", "pay_method_text", back: back)
        }

        let checkoutID: String = "co_" + ByteEncoding.hex(SecureRandom.bytes(16))
        let expiresAt: Int = nowSeconds + config.payLinks.pendingExpiryMinutes * 60
        let pending = PendingPayment(
            id: nil, provider: providerName, checkoutID: checkoutID,
            customerID: customer.id, accountID: account.id, invoiceNumber: token.invoiceNumber, purpose: purpose,
            method: paymentMethod, amountMinor: amount.minorUnits, currency: account.currency, createdAt: nowSeconds,
            expiresAt: expiresAt, status: .pending, note: nil, selectedInvoices: request.selection)
        let recorded: PendingPayment
        do { recorded = try ledger.recordPending(pending) } catch {
            logger.error("cannot record checkout", metadata: ["reason": "\(error)"])
            return message(503, language, "pay_unavailable_title", "pay_unavailable_text", back: back)
        }
        let redirect: String
        do {
            redirect = try await checkout.createCheckout(
                recorded, successURL: config.receiverURL + "/return?checkout=" + recorded.checkoutID,
                cancelURL: config.receiverURL + "/cancel?checkout=" + recorded.checkoutID)
        } catch {
            logger.error("provider checkout failed", metadata: ["provider": "\(providerName)", "reason": "\(error)"])
            _ = try? ledger.finishPending(checkoutID: recorded.checkoutID, status: .failed, note: "provider unavailable", at: nowSeconds)
            await pages.schedule(customer.id)
            return message(503, language, "pay_unavailable_title", "pay_unavailable_text", back: back)
        }
        logger.info("checkout started", metadata: ["provider": "\(providerName)", "customer": "\(customer.id)", "checkout": "\(recorded.checkoutID)"])
        await pages.schedule(customer.id)
        return .redirect(redirect)
    }

    /// A pay link's request, checked: the signed token, its expiry and link version, the customer and
    /// account it names, and the amount within bounds.
    struct PayRequest {
        let customer: Customer
        let account: Account
        let token: PayToken
        let tokenText: String
        let amount: Money
        let locale: CustomerLocale
        let format: LocaleFormat
        let language: String
        let back: String
        /// The invoices ticked on a selection form, oldest due first; empty for every other pay link.
        var selection: [String] = []
        /// What is open on each of them.
        var selectionOpen: [String: Money] = [:]
    }

    /// A refusal page (a `Result` failure needs an `Error`).
    struct Refusal: Error {
        let page: ReceiverPage
    }

    /// Checks what `/pay` and `/topup` share; a refusal is the page to answer with. A refused amount
    /// comes back with the pay form, what was typed and the method chosen (`method`), and the error
    /// beside the field, so the customer corrects it there.
    func checkedPayRequest(token tokenText: String?, amount amountText: String?, method: String? = nil,
                           invoices: [String] = []) -> Result<PayRequest, Refusal> {
        func refuse(_ page: ReceiverPage) -> Result<PayRequest, Refusal> { .failure(Refusal(page: page)) }
        let defaultLanguage = config.defaultLocale.language
        guard let payLinkKey, let tokenText, !tokenText.isEmpty else {
            return refuse(message(400, defaultLanguage, "pay_invalid_title", "pay_invalid_text"))
        }
        let token: PayToken
        do {
            token = try PayToken.verifySignature(tokenText, key: payLinkKey)
        } catch {
            logger.warning("pay link refused", metadata: ["reason": "\(error)"])
            return refuse(message(400, defaultLanguage, "pay_invalid_title", "pay_invalid_text"))
        }
        let found: Customer?
        do { found = try workspace.customerIfPresent(token.customerID) } catch {
            // The merchant's file is broken, not the customer's link: they may try again later.
            logger.error("pay link refused", metadata: ["reason": "\(error)", "customer": "\(token.customerID)"])
            return refuse(message(503, defaultLanguage, "pay_unavailable_title", "pay_retry_text"))
        }
        guard let customer = found,
              let account = customer.accounts.first(where: { $0.id == token.accountID }),
              account.currency.code == token.currency else {
            logger.warning("pay link refused", metadata: ["reason": "customer or account not in the content, or its currency changed", "customer": "\(token.customerID)"])
            return refuse(message(410, defaultLanguage, "pay_invalid_title", "pay_invalid_text"))
        }
        let locale = CustomerLocale(customer.locale) ?? config.defaultLocale
        let language = locale.language
        let back = personalURL(customer)
        let nowSeconds = Int(now().timeIntervalSince1970)
        guard token.linkVersion == customer.linkVersion, nowSeconds <= token.expiresAt else {
            logger.info("pay link refused", metadata: ["reason": "expired or rotated", "customer": "\(customer.id)"])
            return refuse(message(410, language, "pay_expired_title", "pay_expired_text"))
        }

        let format = LocaleFormat(locale)
        // The open amount the customer sees: the content plus what the ledger booked since.
        let booked: [RecordedPayment]
        do {
            booked = try ledger.recordedPayments(customerID: customer.id, dateOf: { [config] in config.day(ofUnixTime: $0) })
        } catch {
            // Without what was booked the bounds would be the content's alone: a customer could pay
            // an invoice twice. Our failure, so the customer may try again; nothing was started.
            logger.error("pay link refused", metadata: ["reason": "ledger: \(error.action): \(error.reason)", "customer": "\(customer.id)"])
            return refuse(message(503, language, "pay_unavailable_title", "pay_retry_text", back: back))
        }
        let statement = AccountStatement(account: account.including(booked), asOf: renderer.today)
        let bounds = payBounds(account: account, statement: statement, token: token)
        let example = Money(minorUnits: 20 * account.currency.minorUnitsPerMajor, currency: account.currency)
        var values = ["min": format.money(bounds.lowerBound), "max": format.money(bounds.upperBound),
                      "digits": String(account.currency.minorUnitDigits), "example": format.inputAmount(example)]
        if !token.selectableInvoices.isEmpty || !invoices.isEmpty {
            // A selection form: the amount is what is open on the invoices ticked, never typed.
            let selection: (numbers: [String], open: [String: Money], amount: Money)
            switch checkedSelection(invoices, token: token, statement: statement, customer: customer, language: language, back: back) {
            case .success(let checked): selection = checked
            case .failure(let refusal): return .failure(refusal)
            }
            guard bounds.contains(selection.amount) else {
                return refuse(message(422, language, "pay_amount_title", "pay_amount_range", values: values, back: back))
            }
            return .success(PayRequest(customer: customer, account: account, token: token, tokenText: tokenText, amount: selection.amount,
                                       locale: locale, format: format, language: language, back: back, selection: selection.numbers,
                                       selectionOpen: selection.open))
        }
        // The 422 page: what went wrong and how to fix it, above the form as it was sent.
        func refuseAmount(_ key: String) -> Result<PayRequest, Refusal> {
            let text = translations(language, key, values)
            let form = renderer.payFormAgain(customer: customer, account: account, token: tokenText, purpose: token.purpose,
                                             typed: String((amountText ?? "").prefix(100)), method: method, error: text)
            return refuse(message(422, language, "pay_amount_title", key, values: values, back: back, form: form))
        }
        let amount: Money
        do {
            amount = try AmountInput.parse(amountText ?? "", locale: locale, currency: account.currency)
        } catch {
            switch error {
            case .empty: return refuseAmount("pay_amount_empty")
            case .notANumber: return refuseAmount("pay_amount_invalid")
            case .tooManyDecimals: return refuseAmount("pay_amount_decimals")
            case .notPositive: return refuseAmount("pay_amount_range")
            case .ambiguous(let other):
                values["suggestion"] = format.money(other)
                values["typed_back"] = format.inputAmount(other)
                return refuseAmount("pay_amount_format")
            }
        }
        guard bounds.contains(amount) else { return refuseAmount("pay_amount_range") }

        return .success(PayRequest(customer: customer, account: account, token: token, tokenText: tokenText, amount: amount,
                                   locale: locale, format: format, language: language, back: back))
    }

    /// The invoices a customer ticked, checked against the token and the account as it stands: at
    /// least one; only invoices the token lists (anything else was changed on the way: 400); each
    /// still open (409, naming those paid meanwhile). Returns them oldest due first with what is open
    /// on each and the sum.
    func checkedSelection(_ invoices: [String], token: PayToken, statement: AccountStatement, customer: Customer,
                          language: String, back: String) -> Result<(numbers: [String], open: [String: Money], amount: Money), Refusal> {
        func refuse(_ status: Int, _ title: String, _ text: String, _ values: [String: String] = [:], reason: String)
            -> Result<(numbers: [String], open: [String: Money], amount: Money), Refusal> {
            logger.warning("pay link refused", metadata: ["reason": "\(reason)", "customer": "\(customer.id)"])
            return .failure(Refusal(page: message(status, language, title, text, values: values, back: back)))
        }
        let chosen = Set(invoices)
        guard !token.selectableInvoices.isEmpty else {
            return refuse(400, "pay_selection_invalid_title", "pay_selection_invalid_text", reason: "invoices chosen on a link that offers no choice")
        }
        guard !chosen.isEmpty else {
            return refuse(422, "pay_selection_empty_title", "pay_selection_empty_text", reason: "no invoice chosen")
        }
        let offered = Set(token.selectableInvoices)
        guard chosen.isSubset(of: offered) else {
            return refuse(400, "pay_selection_invalid_title", "pay_selection_invalid_text",
                          reason: "\(chosen.subtracting(offered).count) chosen invoice(s) not offered by the token")
        }
        let lines = statement.invoices.filter { chosen.contains($0.invoice.number) }
        let paid = lines.filter { !$0.open.isPositive }.map(\.invoice.number)
        let missing = chosen.subtracting(lines.map(\.invoice.number))
        guard paid.isEmpty, missing.isEmpty else {
            let names = (paid + missing.sorted()).joined(separator: ", ")
            return refuse(409, "pay_selection_paid_title", "pay_selection_paid_text", ["invoices": names],
                          reason: "\(paid.count + missing.count) chosen invoice(s) no longer open")
        }
        var total = 0
        for line in lines {
            let (sum, overflow) = total.addingReportingOverflow(line.open.minorUnits)
            guard !overflow else {
                return refuse(422, "pay_amount_title", "pay_amount_range", reason: "the chosen invoices add up beyond any amount")
            }
            total = sum
        }
        return .success((lines.map(\.invoice.number), Dictionary(lines.map { ($0.invoice.number, $0.open) }, uniquingKeysWith: { first, _ in first }),
                         Money(minorUnits: total, currency: statement.account.currency)))
    }

    /// `GET /return?checkout=…`: the provider sent the customer back after paying.
    public func handleReturn(checkoutID: String?) async -> ReceiverPage {
        guard let checkoutID, let pending = try? ledger.pending(checkoutID: checkoutID),
              let customer = try? workspace.customer(pending.customerID) else {
            return message(404, config.defaultLocale.language, "pay_invalid_title", "pay_invalid_text")
        }
        let locale = CustomerLocale(customer.locale) ?? config.defaultLocale
        switch pending.status {
        case .failed: return message(200, locale.language, "sandbox_declined_title", "sandbox_declined_text", back: personalURL(customer))
        case .cancelled, .expired: return message(200, locale.language, "pay_cancelled_title", "pay_cancelled_text", back: personalURL(customer))
        case .pending, .completed: break
        }
        let amount = LocaleFormat(locale).money(pending.amount)
        return message(200, locale.language, "pay_thanks_title", "pay_thanks_text", values: ["amount": amount], back: personalURL(customer))
    }

    /// `GET /cancel?checkout=…`: the customer turned back at the provider.
    public func handleCancel(checkoutID: String?) async -> ReceiverPage {
        guard let checkoutID, let pending = try? ledger.pending(checkoutID: checkoutID),
              let customer = try? workspace.customer(pending.customerID) else {
            return message(404, config.defaultLocale.language, "pay_invalid_title", "pay_invalid_text")
        }
        if pending.status == .pending {
            _ = try? ledger.finishPending(checkoutID: checkoutID, status: .cancelled, note: nil, at: Int(now().timeIntervalSince1970))
            await pages.schedule(customer.id)
        }
        let locale = CustomerLocale(customer.locale) ?? config.defaultLocale
        return message(200, locale.language, "pay_cancelled_title", "pay_cancelled_text", back: personalURL(customer))
    }

    /// Allowed amounts: the configured minimum and maximum, and for settling an account with
    /// something open at most `max_multiple_of_open` times the open amount (but never below the minimum).
    func payBounds(account: Account, statement: AccountStatement, token: PayToken) -> ClosedRange<Money> {
        let settings = config.payLinks
        let minimum = settings.minimum.sameNumber(in: account.currency, roundingUp: true)
        var maximum = settings.maximum.sameNumber(in: account.currency, roundingUp: false)
        if token.purpose == .settle, statement.totalOpen.isPositive {
            let cap = statement.totalOpen.minorUnits * settings.maximumMultipleOfOpen
            maximum = Money(minorUnits: max(min(maximum.minorUnits, cap), minimum.minorUnits), currency: account.currency)
        }
        return minimum...maximum
    }

    func personalURL(_ customer: Customer) -> String {
        renderer.personalURL(for: customer)
    }

    func translations(_ language: String, _ key: String, _ values: [String: String] = [:]) -> String {
        renderer.translations.text(key, language, values)
    }

    /// A message page: title and text from the page texts, optional choices, a pay form to correct
    /// (`form`) and a link back. A refusal (status 400 or more) is titled "Fehler: …" / "Error: …".
    func message(_ status: Int, _ language: String, _ titleKey: String, _ textKey: String, values: [String: String] = [:],
                 back: String? = nil, choices: [[String: TemplateValue]] = [], transfers: [[String: TemplateValue]] = [],
                 form: [String: TemplateValue]? = nil, invoices: [[String: TemplateValue]] = []) -> ReceiverPage {
        var context: [String: TemplateValue] = [
            "title": .text(translations(language, titleKey, values)),
            "text": .text(translations(language, textKey, values)),
            "choices": .objects(choices),
            "hasChoices": .bool(!choices.isEmpty),
            "isError": .bool(status >= 400),
        ]
        if let form { context["form"] = .object(form) }
        if let back { context["back"] = .text(back) }
        if !transfers.isEmpty { context["announcedTransfers"] = .objects(transfers) }
        if !invoices.isEmpty {
            context["invoices"] = .objects(invoices)
            context["hasInvoices"] = true
        }
        return ReceiverPage(status: status, html: renderer.renderMessage(language: language, context), location: nil)
    }
}
