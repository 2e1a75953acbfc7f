import CustomerCenterContent
import CustomerCenterLedger
import CustomerCenterModel
import CustomerCenterRender
import CustomerCenterTestSupport
import Foundation
import Testing

/// Bank transfer instructions on pages: an RF reference per open invoice and per prepaid account,
/// handed out by the ledger, each with a GiroCode.
@Suite struct TransferInstructionTests {
    @Test func pagesQuoteLastingReferencesWithGiroCodes() async throws {
        let harness = try await ReceiverHarness()
        let ledger = try Ledger(path: harness.folder.file(".customer-center/ledger.sqlite"))
        let config = try SiteConfig.load(from: harness.options.contentPath + "/config.toml")
        let build = BuildOptions(harness: harness, output: harness.options.outputPath).reading(ledger, config: config, now: harness.options.now)
        _ = try SiteBuilder(options: build).build()

        let prepaid = try harness.page(of: "1004")
        let printed = try #require(prepaid.range(of: #"RF\d\d( \d{4}){3}"#, options: .regularExpression).map { String(prepaid[$0]) })
        #expect(try ledger.transferReference(printed)?.accountID == "1004-KARTE")
        // Its GiroCode: a PNG inline, which a real decoder reads as a transfer with this reference.
        let image = try #require(prepaid.firstMatch(of: /<img class="qr" src="data:image\/png;base64,([A-Za-z0-9+\/=]+)" width="\d+" height="\d+" alt="GiroCode ([^"]+)">/))
        #expect(String(image.output.2) == printed)
        let png = try #require(Data(base64Encoded: String(image.output.1)))
        let reference = try #require(CreditorReference(printed.replacingOccurrences(of: " ", with: "")))
        let payload = try GiroCode.payload(bic: config.bank.bic, name: config.bank.holder, iban: config.bank.iban, amount: nil, reference: reference)
        let code = try #require(QRCode(payload))
        #expect([UInt8](png) == code.png(scale: 1), "the code of a top-up of any amount to this reference")
        #expect(try QRDecoder.decode(png: code.png(scale: 4)) == payload)

        // One reference per open invoice: 1001 has three open invoices, the paid one gets none.
        let invoices = try harness.page(of: "1001")
        let references = invoices.matches(of: /RF\d\d( \d{4}){3}/).map { String($0.output.0) }
        #expect(Set(references).count == 3)
        for reference in Set(references) {
            let record = try #require(try ledger.transferReference(reference))
            #expect(["RE-2026-0915", "RE-2026-1015", "RE-2026-1115"].contains(record.invoiceNumber))
        }
        #expect(invoices.contains("Rechnung RE-2026-0915: <strong>44,20\u{00A0}€</strong>"))

        // A second build hands out nothing new and rewrites nothing.
        let again = try SiteBuilder(options: build).build()
        #expect(again.written == 0)
        #expect(try harness.page(of: "1001").matches(of: /RF\d\d( \d{4}){3}/).map { String($0.output.0) } == references)
    }
}
