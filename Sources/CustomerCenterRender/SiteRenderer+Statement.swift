import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterSigning

extension SiteRenderer {
    /// `c/<token>/statement.html`: the statement of account, in the personal page's secret folder.
    public func statementPagePath(for customer: Customer) -> String { folder(of: customer) + "statement.html" }

    /// `c/<token>/statement.csv`: the same statement as a spreadsheet.
    public func statementCSVPath(for customer: Customer) -> String { folder(of: customer) + "statement.csv" }

    /// `c/<token>/documents/<name>.pdf`: where `invoice`'s document is copied (`DocumentName`: an HMAC
    /// under the link secret, never the invoice number, so nothing in the folder can be guessed).
    public func documentPath(for customer: Customer, invoice: Invoice) -> String {
        folder(of: customer) + documentHref(customer: customer, invoice: invoice)
    }

    /// `c/<token>/`, relative to the output folder.
    func folder(of customer: Customer) -> String { "c/\(token(for: customer).value)/" }

    /// The document's address relative to the customer's pages.
    func documentHref(customer: Customer, invoice: Invoice) -> String {
        "documents/" + DocumentName.pdf(customerID: customer.id, linkVersion: customer.linkVersion, invoiceNumber: invoice.number,
                                        secret: linkSecret)
    }

    /// The link to `invoice`'s PDF for a page in the customer's folder, or nil when it has none:
    /// `href` and the file name offered for saving (`RE-2026-0815.pdf`).
    func documentLink(customer: Customer, invoice: Invoice) -> [String: String]? {
        guard invoice.document != nil else { return nil }
        return ["href": documentHref(customer: customer, invoice: invoice), "download": SiteRenderer.fileName(invoice.number) + ".pdf"]
    }

    /// `text` as a safe file name: letters, digits, `.`, `-` and `_` kept, anything else `_`.
    static func fileName(_ text: String) -> String {
        let safe = String(text.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-_".unicodeScalars.contains(scalar))
                ? Character(scalar) : "_"
        })
        return safe.isEmpty || safe.hasPrefix(".") ? "_" + safe : safe
    }

    /// The statement of `customer`'s accounts, with the ledger's money, as a page and as CSV: the
    /// movements are computed once for both (a build renders them for every customer).
    public func renderStatement(_ customer: Customer, activity: CustomerActivity = .none) -> (page: String, csv: [UInt8]) {
        let statement = renderStatementBytes(customer, activity: activity)
        return (String(decoding: statement.page, as: UTF8.self), statement.csv)
    }

    /// `renderStatement` with the page as the bytes written to it.
    public func renderStatementBytes(_ customer: Customer, activity: CustomerActivity = .none) -> (page: [UInt8], csv: [UInt8]) {
        let movements = customer.accounts.map { AccountMovements(account: $0, recorded: activity.recorded, asOf: today) }
        return (renderStatementPage(customer, movements: movements), renderStatementCSV(customer, movements: movements))
    }

    /// The statement page: every movement with a running balance per account, the closing balance
    /// (the page's figure) and open amounts by age. Printed, it is an A4 document (`statement.css`).
    func renderStatementPage(_ customer: Customer, movements accounts: [AccountMovements]) -> [UInt8] {
        let locale = CustomerLocale(customer.locale) ?? config.defaultLocale
        let language = locale.language
        let format = LocaleFormat(locale)
        let text = { (key: String, values: [String: String]) in self.translations.text(key, language, values) }
        var context = siteContext(language: language, root: "../../", personal: true)
        context["customer"] = ["id": .text(customer.id), "name": .text(customer.name)]
        context["intro"] = .text(text("intro", ["as_of": format.date(today)]))
        context["csvName"] = .text(statementFileName(customer, language: language))
        context["accounts"] = .objects(accounts.map { movements -> [String: TemplateValue] in
            let account = movements.account
            var item: [String: TemplateValue] = [
                "id": .text(account.id),
                "title": .text(account.label ?? text("account_title_\(account.kind.rawValue)", ["id": account.id])),
                "kindLabel": .text(text("kind_\(account.kind.rawValue)", [:])),
                "movements": .objects(movements.movements.map { movement -> [String: TemplateValue] in
                    let text = description(of: movement, format: format, language: language)
                    var row: [String: TemplateValue] = [
                        "date": .text(format.date(movement.date)),
                        "kind": .text(movement.kind.rawValue),
                        "description": .text(text.main),
                        "balance": .text(format.money(movement.balance)),
                    ]
                    // Invoice numbers one by one, so the page can keep each on one line.
                    if !text.invoices.isEmpty {
                        row["hasSettles"] = true
                        row["settles"] = .objects(text.invoices.enumerated().map { index, number in
                            ["number": .text(number), "more": .bool(index < text.invoices.count - 1)]
                        })
                    }
                    if let credit = text.credit { row["toCredit"] = .text(credit) }
                    if let document = movement.document {
                        // How it may break: an invoice number never, a provider's id anywhere, a reference at spaces.
                        let style = movement.kind == .invoice ? "number" : movement.documentIsPaymentID ? "id" : "reference"
                        row["document"] = ["text": .text(document), "style": .text(style)]
                    }
                    if let debit = movement.debit { row["debit"] = .text(format.money(debit)) }
                    if let credit = movement.credit { row["credit"] = .text(format.money(credit)) }
                    return row
                }),
                "hasMovements": .bool(!movements.movements.isEmpty),
                "closingLabel": .text(text("statement_closing", ["date": format.date(today)])),
                "closing": .text(format.money(movements.closingBalance)),
                "closingNote": .text(closingNote(movements, language: language)),
                "balanceNote": .text(text(account.kind == .invoice ? "statement_balance_owed_note" : "statement_balance_prepaid_note", [:])),
            ]
            if account.kind == .invoice {
                let aging = Aging(statement: movements.statement)
                if !aging.isEmpty {
                    item["aging"] = [
                        "buckets": .objects(Aging.Bucket.allCases.map { bucket -> [String: TemplateValue] in
                            ["label": .text(text("aging_\(bucket.key)", [:])), "amount": .text(format.money(aging[bucket])),
                             "key": .text(bucket.key), "isOpen": .bool(aging[bucket].isPositive)]
                        }),
                        "total": .text(format.money(aging.total)),
                    ]
                }
            }
            return item
        })
        context["hasAccounts"] = .bool(!customer.accounts.isEmpty)
        return templates.renderBytes("statement", context, language: language)
    }

    /// The statement as CSV (RFC 4180: comma-separated, CRLF, quoted where needed; UTF-8 with a byte
    /// order mark so that Excel reads it as UTF-8): one row per movement with its account, date
    /// (ISO 8601), document, description, debit, credit, running balance (plain decimals with a
    /// point) and currency, accounts in the page's order; the header in the customer's language.
    func renderStatementCSV(_ customer: Customer, movements accounts: [AccountMovements]) -> [UInt8] {
        let locale = CustomerLocale(customer.locale) ?? config.defaultLocale
        let language = locale.language
        let format = LocaleFormat(locale)
        let header = ["statement_csv_account", "date", "statement_document", "description", "statement_debit", "statement_credit",
                      "statement_balance", "statement_csv_currency"].map { translations.text($0, language) }
        var text = CSV.row(header)
        for movements in accounts {
            let account = movements.account
            for movement in movements.movements {
                text += CSV.row([
                    CSV.text(account.id), movement.date.description, CSV.text(movement.document ?? ""),
                    CSV.text(description(of: movement, format: format, language: language).joined),
                    movement.debit?.decimalString ?? "", movement.credit?.decimalString ?? "",
                    movement.balance.decimalString, account.currency.code,
                ])
            }
        }
        return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }

    /// `kontoauszug-1001-2026-11-29.csv`: what the download is saved as.
    func statementFileName(_ customer: Customer, language: String) -> String {
        SiteRenderer.fileName(translations.text("statement_file_name", language) + "-" + customer.id + "-" + today.description) + ".csv"
    }

    /// What a movement was, as the statement's text column says it: the main text ("Zahlung per
    /// PayPal", "Rechnung – Abschlag August"), the invoices a payment settled, and what of it became
    /// credit; `joined` is all of it in one line (the CSV's column).
    struct MovementText {
        var main: String
        var invoices: [String] = []
        var credit: String?
        /// "für" / "for", before the invoices.
        var forWord: String

        var joined: String {
            var parts = [main]
            if !invoices.isEmpty { parts.append(forWord + " " + invoices.joined(separator: ", ")) }
            if let credit { parts.append(credit) }
            return parts.filter { !$0.isEmpty }.joined(separator: " – ")
        }
    }

    func description(of movement: AccountMovements.Movement, format: LocaleFormat, language: String) -> MovementText {
        let text = { (key: String, values: [String: String]) in self.translations.text(key, language, values) }
        let method = movement.method.map { text("method_\($0.rawValue)", [:]) } ?? ""
        let plain = movement.method == nil || movement.method == .other
        var result = MovementText(main: "", forWord: text("movement_for", [:]))
        switch movement.kind {
        case .invoice:
            result.main = ([text("movement_invoice", [:])] + (movement.detail.map { [$0] } ?? [])).joined(separator: " – ")
        case .payment:
            result.main = plain ? text("movement_payment_other", [:]) : text("movement_payment", ["method": method])
            result.invoices = movement.allocations.compactMap(\.invoiceNumber)
            if let credit = movement.allocations.first(where: { $0.invoiceNumber == nil }) {
                result.credit = text("movement_payment_credit", ["amount": format.money(credit.amount)])
            }
        case .refund:
            result.main = plain ? text("movement_refund_other", [:]) : text("movement_refund", ["method": method])
        case .topUp:
            result.main = text("top_up_via", ["method": method])
        case .charge, .credit:
            result.main = movement.detail ?? ""
        }
        return result
    }

    /// Whether the closing balance is owed, in the customer's favour, or nothing.
    func closingNote(_ movements: AccountMovements, language: String) -> String {
        let balance = movements.closingBalance
        let key = switch (movements.account.kind, balance.minorUnits.signum()) {
        case (.invoice, 1): "statement_closing_due"
        case (.invoice, -1): "statement_closing_credit"
        case (.prepaid, 1): "statement_closing_prepaid"
        case (.prepaid, -1): "statement_closing_overdrawn"
        default: "statement_closing_settled"
        }
        return translations.text(key, language)
    }
}
