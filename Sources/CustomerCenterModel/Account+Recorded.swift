extension Account {
    /// The account with the ledger's money added: payments settle invoices by the allocation rules,
    /// top-ups credit a prepaid balance, and refunds reduce the payment they refund (so what it had
    /// settled opens again). Refunds whose payment is not (yet) here change nothing.
    /// Entries for other accounts or in another currency are ignored: the ledger never books them here.
    public func including(_ recorded: [RecordedPayment]) -> Account {
        let mine = recorded.filter { $0.accountID == id && $0.amount.currency == currency }
        guard !mine.isEmpty else { return self }
        var refunded: [String: Int] = [:]
        for entry in mine where entry.kind == .refund {
            refunded[entry.provider + "\u{0}" + entry.paymentID, default: 0] += entry.amount.minorUnits
        }
        var result = self
        for entry in mine where entry.kind == .payment {
            let refund = Swift.min(refunded[entry.provider + "\u{0}" + entry.paymentID] ?? 0, entry.amount.minorUnits)
            switch kind {
            case .invoice:
                result.payments.append(Payment(
                    date: entry.date, amount: entry.amount, method: entry.method, invoiceNumber: entry.invoiceNumber,
                    reference: nil, refunded: Money(minorUnits: refund, currency: currency), selectedInvoices: entry.selectedInvoices))
            case .prepaid:
                let net = entry.amount.minorUnits - refund
                guard net > 0 else { continue }
                result.transactions.append(PrepaidTransaction(
                    date: entry.date, description: "", amount: Money(minorUnits: net, currency: currency), method: entry.method))
            }
        }
        return result
    }
}
