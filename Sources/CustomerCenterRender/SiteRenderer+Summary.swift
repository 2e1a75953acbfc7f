import CustomerCenterModel

extension SiteRenderer {
    /// The overview at the top of a page with more than one account: what is open in all of them and
    /// the credit, then each account with its figure, linked to its section, so an open amount never
    /// hides below a settled account. Nil for a single account, whose own heading says it all.
    ///
    /// Open is what invoices have open plus an overdrawn prepaid balance; credit is overpayment credit
    /// plus prepaid balances. Amounts are summed per currency, never converted.
    func summaryContext(_ statements: [AccountStatement], format: LocaleFormat, language: String) -> [String: TemplateValue]? {
        guard statements.count > 1 else { return nil }
        let text = { (key: String, values: [String: String]) in self.translations.text(key, language, values) }
        var currencies: [Currency] = []
        var open: [Currency: Int] = [:]
        var credit: [Currency: Int] = [:]
        func add(_ amount: Money, to totals: inout [Currency: Int]) {
            // Each sum is bounded by what the content and ledger allow (10^12 per amount); never trap.
            let (sum, overflow) = (totals[amount.currency] ?? 0).addingReportingOverflow(amount.minorUnits)
            totals[amount.currency] = overflow ? Int.max : sum
        }
        var accounts: [[String: TemplateValue]] = []
        for statement in statements {
            let account = statement.account
            if !currencies.contains(account.currency) { currencies.append(account.currency) }
            var figure: String
            var state: String
            switch account.kind {
            case .invoice:
                add(statement.totalOpen, to: &open)
                add(statement.credit, to: &credit)
                if statement.totalOpen.isPositive {
                    figure = text("summary_open", ["amount": format.money(statement.totalOpen)])
                    state = statement.openInvoices.contains { $0.status == .overdue } ? "overdue" : "due"
                } else {
                    figure = text("summary_nothing_open", [:])
                    state = "ok"
                }
                if statement.credit.isPositive {
                    figure += " · " + text("summary_credit", ["amount": format.money(statement.credit)])
                }
            case .prepaid:
                let balance = statement.prepaidBalance
                if balance.isNegative {
                    add(Money(minorUnits: balance.minorUnits == Int.min ? Int.max : -balance.minorUnits, currency: balance.currency), to: &open)
                    figure = text("balance_owed", [:]) + " " + format.money(balance)
                    state = "due"
                } else {
                    add(balance, to: &credit)
                    figure = text("balance_credit", [:]) + " " + format.money(balance)
                    state = "ok"
                }
            }
            accounts.append([
                "id": .text(account.id),
                "title": .text(account.label ?? text("account_title_\(account.kind.rawValue)", ["id": account.id])),
                "figure": .text(figure),
                "state": .text(state),
            ])
        }
        /// `193,00 €`, or `193,00 € + $20.00` across currencies (those with nothing left out).
        func joined(_ totals: [Currency: Int]) -> String {
            let shown = currencies.filter { (totals[$0] ?? 0) != 0 }
            return (shown.isEmpty ? [currencies[0]] : shown).map { format.money(Money(minorUnits: totals[$0] ?? 0, currency: $0)) }
                .joined(separator: " + ")
        }
        return [
            "open": .text(joined(open)),
            "hasOpen": .bool(open.values.contains { $0 > 0 }),
            "credit": .text(joined(credit)),
            "hasCredit": .bool(credit.values.contains { $0 > 0 }),
            "accounts": .objects(accounts),
        ]
    }
}
