/// The configuration `import` writes into a content folder that has none. Every value is a
/// placeholder to edit; there is no secrets file, so the link secret must come from the environment.
enum StarterConfig {
    static let text = """
        # Starter configuration written by `customer-center import`. Edit every value.
        # Format: docs/content-format.md
        [site]
        base_url = "https://customers.example.com"
        receiver_url = "https://pay.example.com"
        default_locale = "de-DE"
        default_currency = "EUR"
        timezone = "Europe/Berlin"

        [merchant]
        name = "Example Merchant"
        address = ["Example Street 1", "12345 Example City"]
        email = "billing@example.com"

        [bank]
        holder = "Example Merchant"
        iban = "DE89370400440532013000"
        bic = "COBADEFFXXX"

        [payments]
        methods = ["paypal", "sofort", "card", "transfer"]

        # No secrets file: set CUSTOMER_CENTER_LINK_SECRET (at least 32 random bytes) in the environment.

        """
}
