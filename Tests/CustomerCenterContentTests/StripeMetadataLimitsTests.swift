import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterTestSupport
import Testing

/// Which ids must fit Stripe's metadata (500 characters a value), and only when Stripe takes pay links.
@Suite struct StripeMetadataLimitsTests {
    func customer(invoiceNumber: String) -> Customer {
        let day = CalendarDate(iso: "2026-09-01")!
        return Customer(id: "1002", name: "Müller", email: "m@example.de", locale: "de-DE", linkVersion: 1, accounts: [
            Account(id: "1002-WASSER", kind: .prepaid, currency: .eur),
            Account(id: "1002-GEWERBE", kind: .invoice, currency: .eur, invoices: [
                Invoice(number: "RE-1", issued: day, due: day, amount: Money(minorUnits: 100, currency: .eur)),
                Invoice(number: invoiceNumber, issued: day, due: day, amount: Money(minorUnits: 100, currency: .eur)),
            ]),
        ])
    }

    @Test func appliesOnlyWhenAStripeFormatProviderTakesPayLinks() throws {
        var config = try SiteConfig.load(from: TestPaths.demoContent + "/config.toml")
        #expect(StripeMetadataLimits.stripeProvider(of: config) == nil, "the demo's sandbox")
        config.payLinks.provider = "stripe"
        #expect(StripeMetadataLimits.stripeProvider(of: config) == "stripe")
        config.paymentMethods = [.transfer]
        #expect(StripeMetadataLimits.stripeProvider(of: config) == nil, "no online method, no checkout")
    }

    @Test func namesTheFieldOfAValueOverTheLimitCountingCodePoints() {
        // 500 code points fit, even at two bytes each.
        #expect(StripeMetadataLimits.problems(in: customer(invoiceNumber: String(repeating: "Ü", count: 500)),
                                              file: "content/customers/1002.json", provider: "stripe").isEmpty)
        let problems = StripeMetadataLimits.problems(in: customer(invoiceNumber: "RE-" + String(repeating: "9", count: 498)),
                                                     file: "content/customers/1002.json", provider: "stripe")
        #expect(problems.map(\.description) == [
            "content/customers/1002.json: accounts[1].invoices[1].number: invoice number \"RE-999999999999999999999…\" is 501 characters; "
                + "checkouts go to Stripe ([providers.stripe]), which takes at most 500 in metadata",
        ])
    }
}
