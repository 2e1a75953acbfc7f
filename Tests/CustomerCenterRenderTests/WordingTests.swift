import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterRender
import CustomerCenterTestSupport
import Foundation
import Testing

/// Issue 13: texts that read wrong ("…erhalten und Ladekarte E-Auto gutgeschrieben.", "your transfer
/// of €50.00 of 20 Nov 2026", "Top-up by Card"), in both languages, as rendered.
@Suite struct WordingTests {
    let demo = DemoBuild("wording")
    let renderer: SiteRenderer

    init() throws {
        renderer = try SiteBuilder(options: demo.options).loadSite().renderer
    }

    func customer(_ id: String) throws -> Customer {
        let defaults = ContentDefaults(try ContentFolder(path: demo.options.contentPath).loadConfig())
        return try CustomerFile.load(path: demo.folder.file("content/customers/\(id).json"), defaults: defaults)
    }

    @Test func theReceiptNamesTheAccountAsASentenceDoes() throws {
        let anna = try customer("1004")
        let day = try #require(CalendarDate(year: 2026, month: 11, day: 20))
        let german = renderer.renderReceipt(customer: anna, account: anna.accounts[0], amount: Money(minorUnits: 4_850, currency: .eur), date: day)
        #expect(german.text.contains("wir haben Ihre Überweisung über 48,50\u{00A0}€ am 20.11.2026 erhalten und Ihrem Konto „Ladekarte E-Auto“ gutgeschrieben."))
        let emily = try customer("1003")
        let english = renderer.renderReceipt(customer: emily, account: emily.accounts[1], amount: Money(minorUnits: 4_850, currency: .eur), date: day)
        #expect(english.text.contains("we received your transfer of €48.50 on 20\u{00A0}Nov\u{00A0}2026 and credited it to your account “EV charging card”."))
    }

    @Test func aMethodInsideASentenceIsWrittenAsInASentence() throws {
        var emily = try customer("1003")
        let day = try #require(CalendarDate(year: 2026, month: 11, day: 20))
        emily.accounts[1].transactions.append(PrepaidTransaction(date: day, description: "", amount: Money(minorUnits: 2_000, currency: .eur), method: .card))
        let checkout = PendingCheckout(accountID: "1003-EV", amount: Money(minorUnits: 1_000, currency: .eur), method: .card, started: day, status: .pending)
        let english = renderer.renderCustomerPage(emily, activity: CustomerActivity(checkouts: [checkout]))
        #expect(english.contains("Top-up by card"))
        #expect(english.contains("€10.00 by card started on 20\u{00A0}Nov\u{00A0}2026 – awaiting confirmation."))
        var anna = try customer("1004")
        anna.accounts[0].transactions.append(PrepaidTransaction(date: day, description: "", amount: Money(minorUnits: 2_000, currency: .eur), method: .transfer))
        #expect(renderer.renderCustomerPage(anna).contains("Aufladung per Überweisung"))
    }
}
