import CustomerCenterTestSupport
import Foundation
import Testing

/// The GiroCodes as a customer meets them: the built page rendered by headless Chromium at a phone's
/// width (390 CSS px, at 1 and 3 device pixels each) and printed to PDF (rasterized by poppler), each image
/// read back by zbarimg. Every code on the page must decode, to the payload of its own image.
@Suite struct GiroCodeScanTests {
    let cli = CommandLineTests()

    /// The payloads of the GiroCodes zbarimg finds in the image at `path`. (Its raw output runs the
    /// symbols together, and its XML cannot carry raw bytes; every GiroCode starts with "BCD\n002\n".)
    static func scan(_ path: String) throws -> [String] {
        let run = try ToolRun("/usr/bin/zbarimg", ["--quiet", "--raw", "-Sbinary", path])
        // Exit status 4: no code found.
        guard run.status == 0 else { return [] }
        let marker = "BCD\n002\n"
        return String(decoding: run.output, as: UTF8.self).components(separatedBy: marker).dropFirst().map { marker + $0 }
    }

    /// The payloads zbarimg reads in Chromium's screenshot of `url`.
    static func screenshot(_ url: String, width: Int, height: Int, scale: Int, in folder: TemporaryFolder) async throws -> [String] {
        let shot = folder.file("shot-\(width)-\(scale).png")
        let run = try await ToolRun.run("/usr/bin/chromium", [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=\(scale)",
            "--window-size=\(width),\(height)", "--screenshot=" + shot, url,
        ])
        #expect(run.status == 0, "\(run.errorText)")
        return try scan(shot)
    }

    @Test func everyCodeDecodesAtPhoneSizeAndPrinted() async throws {
        let folder = TemporaryFolder("cli-scan").copyDemo()
        #expect(try await cli.run(["build", "--as-of", "2026-11-29"], in: folder).status == 0)
        let images = /<img class="qr" src="(data:image\/png;base64,[A-Za-z0-9+\/=]+)" width="\d+" height="\d+" alt="GiroCode ([^"]+)">/
        // The page with the most codes.
        let pages = folder.files(under: "site/c").filter { $0.hasSuffix("index.html") }
        let page = try #require(pages.max { folder.read("site/c/" + $0).matches(of: images).count < folder.read("site/c/" + $1).matches(of: images).count })
        let html = folder.read("site/c/" + page)
        let codes = html.matches(of: images).map { (source: String($0.output.1), reference: String($0.output.2)) }
        #expect(codes.count >= 3)

        // What each image holds: all of them shown large (8 pixels a module), one screenshot.
        let large = folder.file("large.html")
        try ("<body style=\"background:#fff\">" + codes.map { "<p><img src=\"\($0.source)\" style=\"width:600px;image-rendering:pixelated\"></p>" }.joined() + "</body>")
            .write(toFile: large, atomically: true, encoding: .utf8)
        let expected = try await Self.screenshot("file://" + large, width: 700, height: 700 * codes.count, scale: 1, in: folder)
        #expect(expected.count == codes.count)
        for code in codes {
            // A transfer (EPC069-12) to the reference the page names beside it.
            #expect(expected.contains { $0.hasPrefix("BCD\n002\n1\nSCT\n") && $0.hasSuffix("\n" + code.reference.filter { $0 != " " }) }, "\(code.reference)")
        }

        // A phone: the transfer details opened as a customer would (they start closed).
        let pageFolder = folder.file("site/c/" + (page as NSString).deletingLastPathComponent)
        try html.replacingOccurrences(of: "<details class=\"transfer\">", with: "<details class=\"transfer\" open>")
            .write(toFile: pageFolder + "/opened.html", atomically: true, encoding: .utf8)
        for scale in [1, 3] {
            let phone = try await Self.screenshot("file://" + pageFolder + "/opened.html", width: 390, height: 4000, scale: scale, in: folder)
            #expect(phone.sorted() == expected.sorted(), "at 390 px, \(scale) device pixels each")
        }

        // Printed: the print style sheet opens the details itself.
        let pdf = folder.file("page.pdf")
        let print = try await ToolRun.run("/usr/bin/chromium", [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=" + pdf,
            "file://" + pageFolder + "/index.html",
        ])
        #expect(print.status == 0, "\(print.errorText)")
        let raster = try await ToolRun.run("/usr/bin/pdftoppm", ["-r", "150", "-png", pdf, folder.file("printed")])
        #expect(raster.status == 0, "\(raster.errorText)")
        let printedPages = folder.files().filter { $0.hasPrefix("printed") && $0.hasSuffix(".png") }
        #expect(!printedPages.isEmpty)
        let printed = try printedPages.flatMap { try Self.scan(folder.file($0)) }
        #expect(printed.sorted() == expected.sorted(), "printed at 150 dpi")
    }
}
