import CustomerCenterModel
import CustomerCenterRender
import CustomerCenterTestSupport
import Foundation
import Testing

@Suite struct GiroCodeTests {
    let reference = CreditorReference(base: "1001PRE")!

    @Test func payloadFollowsEPC069() throws {
        let payload = try GiroCode.payload(bic: "COBADEFFXXX", name: "Stadtwerke Sonnenfeld GmbH", iban: "DE89370400440532013000",
                                           amount: Money(minorUnits: 1234, currency: .eur), reference: reference)
        #expect(payload.split(separator: "\n", omittingEmptySubsequences: false) == [
            "BCD", "002", "1", "SCT", "COBADEFFXXX", "Stadtwerke Sonnenfeld GmbH", "DE89370400440532013000", "EUR12.34", "",
            Substring(reference.value),
        ])
        #expect(try GiroCode.payload(bic: "", name: "A", iban: "DE89370400440532013000", amount: nil, reference: reference)
            .hasSuffix("DE89370400440532013000\n\n\n" + reference.value))
    }

    @Test func refusesWhatABankAppWouldNot() {
        #expect(throws: GiroCode.Problem.notEuro) {
            try GiroCode.payload(bic: "", name: "A", iban: "CH9300762011623852957", amount: Money(minorUnits: 100, currency: Currency(code: "CHF")!), reference: reference)
        }
        #expect(throws: GiroCode.Problem.fieldTooLong("name")) {
            try GiroCode.payload(bic: "", name: String(repeating: "x", count: 71), iban: "DE89370400440532013000", amount: nil, reference: reference)
        }
        #expect(throws: GiroCode.Problem.amountOutOfRange) {
            try GiroCode.payload(bic: "", name: "A", iban: "DE89370400440532013000", amount: Money(minorUnits: 100_000_000_000, currency: .eur), reference: reference)
        }
    }

    /// The code a page shows decodes, with a real decoder (zbarimg), to exactly the payload.
    @Test func aRealDecoderReadsThePayloadBack() throws {
        let payload = try GiroCode.payload(bic: "COBADEFFXXX", name: "Müller & Söhne <GmbH>", iban: "DE89370400440532013000",
                                           amount: Money(minorUnits: 379_540, currency: .eur), reference: reference)
        let code = try #require(QRCode(payload))
        let folder = TemporaryFolder("qr")
        folder.write(code.pbm(), to: "code.pbm")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        process.arguments = ["--quiet", "--raw", "-Sbinary", folder.file("code.pbm")]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self) == payload)
        // The image a page shows: a 1-bit PNG, one pixel per module, that the decoder reads too.
        let tag = code.imageTag(label: "GiroCode RF18 5390 0754 7034")
        let image = try #require(tag.firstMatch(of: /^<img class="qr" src="data:image\/png;base64,([A-Za-z0-9+\/=]+)" width="(\d+)" height="(\d+)" alt="GiroCode RF18 5390 0754 7034">$/))
        #expect(Int(image.output.2) == (code.size + 8) * 4)
        let png = try #require(Data(base64Encoded: String(image.output.1)))
        #expect([UInt8](png) == code.png(scale: 1))
        #expect(png.count < 700, "a few hundred bytes, not kilobytes: \(png.count)")
        // (zbarimg needs more than a pixel per module; browsers scale the image up, GiroCodeScanTests reads it there.)
        #expect(try QRDecoder.decode(png: code.png(scale: 4)) == payload)
        #expect(code.size >= 21 && code.size <= 69, "at most QR version 13")
    }
}
