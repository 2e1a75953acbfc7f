import CustomerCenterModel

/// Stripe's limits on metadata, which carries our ids to a checkout and back in its events
/// (docs/providers.md): keys of at most 40 characters, values of at most 500. Stripe refuses a
/// Checkout Session that exceeds them, so content that would is refused by `check` and `build`,
/// naming the file and field, rather than at a customer's checkout.
public enum StripeMetadataLimits {
    /// The longest metadata key Stripe takes.
    public static let maximumKeyLength = 40
    /// The longest metadata value Stripe takes.
    public static let maximumValueLength = 500

    /// Length as Stripe counts it: Unicode code points, not bytes.
    public static func length(_ text: String) -> Int { text.unicodeScalars.count }

    /// The provider taking pay links, when it is Stripe-format (its checkouts go to Stripe).
    public static func stripeProvider(of config: SiteConfig) -> String? {
        guard let name = config.payLinks.provider, config.providers[name]?.format == .stripe, !config.onlineMethods.isEmpty else {
            return nil
        }
        return name
    }

    /// Values of `customer` (read from `file`) that Stripe's metadata would refuse at a checkout of
    /// `provider`: the customer id, account ids and invoice numbers.
    public static func problems(in customer: Customer, file: String, provider: String) -> [ContentError] {
        func check(_ value: String, field: String, what: String) -> ContentError? {
            let length = length(value)
            guard length > maximumValueLength else { return nil }
            return ContentError(file: file, field: field, reason: """
                \(what) "\(value.prefix(24))…" is \(length) characters; checkouts go to Stripe ([providers.\(provider)]), \
                which takes at most \(maximumValueLength) in metadata
                """)
        }
        var problems = [check(customer.id, field: "id", what: "customer id")]
        for (accountIndex, account) in customer.accounts.enumerated() {
            problems.append(check(account.id, field: "accounts[\(accountIndex)].id", what: "account id"))
            for (invoiceIndex, invoice) in account.invoices.enumerated() {
                problems.append(check(invoice.number, field: "accounts[\(accountIndex)].invoices[\(invoiceIndex)].number",
                                      what: "invoice number"))
            }
        }
        return problems.compactMap { $0 }
    }
}
