import CustomerCenterModel
import CustomerCenterRender
import CustomerCenterTestSupport
import Foundation
import Testing

/// Issue 13: what a customer can do on each demo page, and what they see first.
@Suite struct PageActionTests {
    let demo = DemoBuild("actions")
    init() throws { try demo.build() }

    /// Visible text: tags dropped, entities decoded, whitespace folded.
    func text(_ html: String) -> String {
        var out = html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        for (entity, char) in [("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")] {
            out = out.replacingOccurrences(of: entity, with: char)
        }
        return out.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
    }

    /// The section of account `id` in `html`.
    func section(_ html: String, account id: String) throws -> String {
        let start = try #require(html.range(of: "<section class=\"account account--"))
        let sections = html[start.lowerBound...].components(separatedBy: "<section class=\"account account--").dropFirst()
        return try #require(sections.first { $0.contains("aria-labelledby=\"account-\(id)\"") })
    }

    /// Customer 1006's gas debt stood 1,360 px down, below a settled account: the overview on top
    /// says what is open in all accounts and links to each.
    @Test func aCustomerWithSeveralAccountsSeesTheTotalFirst() throws {
        let html = try demo.page(of: "1006")
        let summary = try #require(html.range(of: "<section class=\"summary\""))
        #expect(summary.lowerBound < (html.range(of: "<section class=\"account")?.lowerBound ?? html.startIndex))
        let overview = text(String(html[summary.lowerBound...]).components(separatedBy: "</section>")[0])
        #expect(overview.contains("Überblick Offen in allen Konten 193,00 €"))
        #expect(overview.contains("Strom nichts offen"))
        #expect(overview.contains("Gas 193,00 € offen"))
        #expect(html.contains("<a href=\"#account-1006-GAS\">Gas</a>"))
        #expect(html.contains("id=\"account-1006-GAS\""))
        // Credit from overpayments and prepaid balances, in English too.
        let english = text(try demo.page(of: "1003"))
        #expect(english.contains("Overview Due on all accounts €0.00 Credit on all accounts €43.85"))
        #expect(english.contains("EV charging card Credit balance €43.85"))
        // One account: its own heading says it all.
        #expect(!(try demo.page(of: "1001")).contains("class=\"summary\""))
    }

    /// Accounts with nothing open (0,00 €, or no invoices) offer no pay form that talks about "the
    /// oldest open invoice"; prepaid accounts keep their top-up form.
    @Test func onlyMeaningfulActionsPerAccount() throws {
        let gas = try section(try demo.page(of: "1006"), account: "1006-GAS")
        let power = try section(try demo.page(of: "1006"), account: "1006-STROM")
        #expect(gas.contains("<form class=\"pay-form\""))
        #expect(!power.contains("<form"))
        #expect(!power.contains("Online bezahlen"))
        #expect(!power.contains("ältesten offenen Rechnung"))
        for (customer, account) in [("1005", "1005-WASSER"), ("1007", "1007-STROM"), ("1003", "1003-POWER")] {
            let settled = try section(try demo.page(of: customer), account: account)
            #expect(!settled.contains("<form"), "\(account)")
        }
        for (customer, account) in [("1004", "1004-KARTE"), ("1008", "1008-PREPAID"), ("1003", "1003-EV")] {
            let prepaid = try section(try demo.page(of: customer), account: account)
            #expect(prepaid.contains("<form class=\"pay-form\""), "\(account)")
        }
    }

    /// GOV.UK's text input: a text field with `inputmode="decimal"`, the currency in the label and
    /// beside the field, a hint with an example instead of a placeholder.
    @Test func moneyFieldsNameTheCurrencyAndGiveAnExample() throws {
        let german = try section(try demo.page(of: "1001"), account: "1001-STROM")
        #expect(german.contains("<label for=\"pay-1001-STROM-amount\">Betrag in €</label>"))
        #expect(german.contains("<p class=\"hint\" id=\"pay-1001-STROM-amount-hint\">Zum Beispiel 20,00</p>"))
        #expect(german.contains("type=\"text\" inputmode=\"decimal\""))
        #expect(german.contains("value=\"1362,96\" aria-describedby=\"pay-1001-STROM-amount-hint\">"))
        #expect(german.contains("<span class=\"amount-input__sign\" aria-hidden=\"true\">€</span>\n    </div>"))
        #expect(!german.contains("placeholder="))
        let english = try section(try demo.page(of: "1003"), account: "1003-EV")
        #expect(english.contains("<label for=\"pay-1003-EV-amount\">Top-up amount in €</label>"))
        #expect(english.contains("<div class=\"amount-input\">\n      <span class=\"amount-input__sign\" aria-hidden=\"true\">€</span>"))
        #expect(english.contains("For example, 20.00"))
        let austrian = try section(try demo.page(of: "1008"), account: "1008-PREPAID")
        #expect(austrian.contains("Zum Beispiel 20,00"))  // de-AT: a decimal comma, the sign before the number
        #expect(austrian.contains("<div class=\"amount-input\">\n      <span class=\"amount-input__sign\" aria-hidden=\"true\">€</span>"))
    }

    /// Every page names an icon that exists, so browsers do not ask for /favicon.ico on every load.
    @Test func everyPageHasAFavicon() throws {
        let icon = try #require(demo.folder.files(under: "site/assets").first { $0.hasPrefix("favicon.") })
        for file in demo.folder.files(under: "site") where file.hasSuffix(".html") {
            #expect(demo.folder.read("site/" + file).contains("<link rel=\"icon\" href=\"") , "\(file)")
            #expect(demo.folder.read("site/" + file).contains("assets/\(icon)\" type=\"image/svg+xml\">"), "\(file)")
        }
    }
}
