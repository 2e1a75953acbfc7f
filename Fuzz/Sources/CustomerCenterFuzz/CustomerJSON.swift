import CustomerCenterModel

/// Writes a `Customer` back as a customer file (docs/content-format.md): the customer-file target's
/// round trip. Amounts as decimal strings, optional fields left out when absent.
enum CustomerJSON {
    static func write(_ customer: Customer) -> String {
        var members = [("id", JSONText.quoted(customer.id)), ("name", JSONText.quoted(customer.name))]
        if let email = customer.email { members.append(("email", JSONText.quoted(email))) }
        members += [("locale", JSONText.quoted(customer.locale)), ("link_version", String(customer.linkVersion)),
                    ("accounts", list(customer.accounts.map(write)))]
        return object(members)
    }

    static func write(_ account: Account) -> String {
        var members = [("id", JSONText.quoted(account.id)), ("kind", JSONText.quoted(account.kind.rawValue)),
                       ("currency", JSONText.quoted(account.currency.code))]
        if let label = account.label { members.append(("label", JSONText.quoted(label))) }
        switch account.kind {
        case .invoice:
            members.append(("invoices", list(account.invoices.map { invoice in
                var fields = [("number", JSONText.quoted(invoice.number)), ("issued", JSONText.quoted(invoice.issued.description)),
                              ("due", JSONText.quoted(invoice.due.description)), ("amount", JSONText.quoted(invoice.amount.decimalString))]
                if let description = invoice.description { fields.append(("description", JSONText.quoted(description))) }
                if let document = invoice.document { fields.append(("document", JSONText.quoted(document))) }
                return object(fields)
            })))
            members.append(("payments", list(account.payments.map { payment in
                var fields = [("date", JSONText.quoted(payment.date.description)), ("amount", JSONText.quoted(payment.amount.decimalString)),
                              ("method", JSONText.quoted(payment.method.rawValue))]
                if let invoice = payment.invoiceNumber { fields.append(("invoice", JSONText.quoted(invoice))) }
                if let reference = payment.reference { fields.append(("reference", JSONText.quoted(reference))) }
                return object(fields)
            })))
        case .prepaid:
            members.append(("transactions", list(account.transactions.map { transaction in
                object([("date", JSONText.quoted(transaction.date.description)), ("description", JSONText.quoted(transaction.description)),
                        ("amount", JSONText.quoted(transaction.amount.decimalString))])
            })))
        }
        return object(members)
    }

    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { JSONText.quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    static func list(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
