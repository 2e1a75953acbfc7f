import CustomerCenterTestSupport
import CustomerCenterMail
import CustomerCenterRender
import Foundation
import Testing

/// Rendered messages read back with Python's MIME parser: what a mail client would see.
@Suite struct EmailMessageTests {
    static let sunday = Date(timeIntervalSince1970: 1_795_939_920)  // Sun, 29 Nov 2026 08:12:00 UTC
    static let from = EmailAddress("rechnung@stadtwerke-sonnenfeld.example", displayName: "Stadtwerke Sonnenfeld")
    static let customer = EmailAddress("erika.mustermann@example.org", displayName: "Erika Mustermann")

    /// Text with everything quoted-printable must get right: long lines, trailing spaces and tabs, "=",
    /// non-ASCII, a lone "." and "From " at a line start, CRLF and LF breaks, no final line break.
    static let trickyText = "Guten Tag Frau Müller,\r\n\n"
        + "Zeile mit Leerzeichen am Ende   \n"
        + "Tab am Ende\t\n"
        + "A = B == C =3D =\n"
        + String(repeating: "Sehr lange Zeile mit Umlauten äöüß und Gleichheitszeichen = ", count: 5) + "\n"
        + String(repeating: "x", count: 75) + "=\n"
        + String(repeating: "y", count: 76) + " \n"
        + ".\n"
        + "From the team, with 🎉 and €\n"
        + "\u{0}control\u{7F}"

    @Test(arguments: [
        "Ihre Rechnung",
        "Ihre Rechnung für November – Grüße aus Köln äöü ÄÖÜ ß",
        "Zahlung erhalten 🎉👩‍👩‍👧‍👦 danke",
        String(repeating: "Rechnung für Grüße ", count: 20).prefix(200).description,
        String(repeating: "Invoice number 2026-11 for you ", count: 10).prefix(200).description,
        String(repeating: "x", count: 200),
        "Looks like =?UTF-8?B?aGk=?= an encoded word",
        "  leading and  double spaces ",
        "",
    ])
    func subjectReadsBack(_ subject: String) throws {
        let message = EmailMessage(from: Self.from, to: [Self.customer], subject: subject, date: Self.sunday, text: "Hallo")
        let raw = try message.rendered()
        try Self.expectWellFormed(raw)
        let parsed = try ParsedMessage.parse(raw)
        #expect(parsed.subject == subject)
        #expect(parsed.legacyDecoded["subject"] == subject)
        #expect(parsed.defects.isEmpty)
        let subjectLines = Self.headerField("Subject", in: raw)
        for line in subjectLines { #expect(line.utf8.count <= 78, "\(line)") }
        let encodedWords = subjectLines.joined(separator: " ").split(separator: " ").filter { $0.hasPrefix("=?") }
        for word in encodedWords {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
        }
        if subject.utf8.contains(where: { $0 >= 0x80 }) { #expect(!encodedWords.isEmpty) }
    }

    @Test func textOnlyIsOneQuotedPrintablePart() throws {
        let message = EmailMessage(from: Self.from, to: [Self.customer], subject: "Test", date: Self.sunday, text: Self.trickyText)
        let raw = try message.rendered()
        try Self.expectWellFormed(raw)
        let parsed = try ParsedMessage.parse(raw)
        #expect(parsed.structure == "text/plain")
        let part = try #require(parsed.part("text/plain"))
        #expect(part.charset == "utf-8")
        #expect(part.encoding == "quoted-printable")
        #expect(part.text.map(Self.unixLines) == Self.unixLines(Self.trickyText))
        #expect(parsed.defects.isEmpty && part.defects.isEmpty)
    }

    @Test func htmlMakesAnAlternativeWithTextFirst() throws {
        let html = "<!doctype html><p>Guten Tag <b>Frau Müller</b>,</p>\n<p style=\"color: #333\">" + String(repeating: "Betrag: 50,00 € ", count: 12) + "</p>  \n"
        let message = EmailMessage(from: Self.from, to: [Self.customer], subject: "Test", date: Self.sunday,
                                   text: Self.trickyText, html: html)
        let raw = try message.rendered()
        try Self.expectWellFormed(raw)
        let parsed = try ParsedMessage.parse(raw)
        #expect(parsed.structure == "multipart/alternative(text/plain,text/html)")
        #expect(parsed.part("text/plain")?.text.map(Self.unixLines) == Self.unixLines(Self.trickyText))
        #expect(parsed.part("text/html")?.text.map(Self.unixLines) == html)
        #expect(parsed.parts.allSatisfy { $0.encoding == "quoted-printable" && $0.defects.isEmpty })
        #expect(parsed.defects.isEmpty)
    }

    @Test func giroCodeTravelsAsInlinePNG() throws {
        let payload = "BCD\n002\n1\nSCT\nCOBADEFFXXX\nStadtwerke Sonnenfeld GmbH\nDE89370400440532013000\nEUR50.00\n\nRF18539007547034"
        let png = try #require(QRCode(payload)).png()
        let html = "<p>Scannen Sie den Code:</p><img src=\"cid:girocode@customer-center\" alt=\"GiroCode\">"
        let message = EmailMessage(
            from: Self.from, to: [Self.customer], subject: "Rechnung", date: Self.sunday, text: "Bitte überweisen Sie 50,00 €.",
            html: html,
            inlineImages: [
                InlineImage(contentID: "girocode@customer-center", filename: "girocode.png", bytes: png),
                InlineImage(contentID: "logo@customer-center", filename: "Überweisung 2026.png", bytes: Array(repeating: 0xAB, count: 1000)),
            ])
        let raw = try message.rendered()
        try Self.expectWellFormed(raw)
        let parsed = try ParsedMessage.parse(raw)
        #expect(parsed.structure == "multipart/alternative(text/plain,multipart/related(text/html,image/png,image/png))")
        #expect(parsed.part("text/html")?.text == html)
        let images = parsed.parts.filter { $0.type == "image/png" }
        #expect(images.count == 2)
        #expect(images.first?.bytes == png)
        #expect(images.first?.contentID == "<girocode@customer-center>")
        #expect(images.first?.filename == "girocode.png")
        #expect(images.first?.disposition == "inline")
        #expect(images.first?.encoding == "base64")
        #expect(images.last?.filename == "Überweisung 2026.png")
        #expect(images.last?.bytes == Array(repeating: 0xAB, count: 1000))
        let cid = try #require(images.first?.contentID?.dropFirst().dropLast())
        #expect(html.contains("cid:" + cid))
        #expect(parsed.defects.isEmpty && parsed.parts.allSatisfy { $0.defects.isEmpty })
    }

    @Test func addressesNamesAndDatesReadBack() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let message = EmailMessage(
            from: EmailAddress("rechnung@stadtwerke.example", displayName: "Müller & Söhne <GmbH>"),
            to: [
                EmailAddress("erika@example.org", displayName: "Erika Mustermann"),
                EmailAddress("kasse@example.org", displayName: "Dr. Kasse, \"Zentrale\""),
                EmailAddress("plain@example.org"),
                EmailAddress("lang@example.org", displayName: Self.longName),
            ],
            replyTo: EmailAddress("hilfe@stadtwerke.example", displayName: "Kundenservice 👋"),
            subject: "Test", date: Self.sunday, timeZone: berlin, text: "Hallo",
            extraHeaders: [MailHeader("Auto-Submitted", "auto-generated"), MailHeader("X-Customer-Center-Kind", "payment-received ✓")])
        let raw = try message.rendered()
        try Self.expectWellFormed(raw)
        let parsed = try ParsedMessage.parse(raw)
        #expect(parsed.from == [.init(name: "Müller & Söhne <GmbH>", address: "rechnung@stadtwerke.example")])
        #expect(parsed.to.dropLast() == message.to.dropLast().map { .init(name: $0.displayName ?? "", address: $0.address) })
        // A name longer than one encoded-word: Python's address parser keeps the space between the words
        // (RFC 2047 says to drop it), so it reads a doubled space where the words were cut; the words
        // themselves are never cut inside, and the RFC-conforming decoder reads the name exactly.
        #expect(parsed.to.last.map { Self.collapsingSpaces($0.name) } == Self.longName)
        #expect(parsed.legacyDecoded["to"]?.contains(Self.longName + " <lang@example.org>") == true)
        #expect(parsed.replyTo == [.init(name: "Kundenservice 👋", address: "hilfe@stadtwerke.example")])
        #expect(parsed.headers["date"] == "Sun, 29 Nov 2026 09:12:00 +0100")
        #expect(parsed.timestamp == Self.sunday.timeIntervalSince1970)
        #expect(parsed.headers["mime-version"] == "1.0")
        #expect(parsed.headers["auto-submitted"] == "auto-generated")
        #expect(parsed.headers["x-customer-center-kind"] == "payment-received ✓")
        #expect(parsed.defects.isEmpty)
        let messageID = try #require(parsed.messageID)
        #expect(messageID == message.messageID)
        #expect(messageID.wholeMatch(of: /<[0-9a-f]{32}@stadtwerke\.example>/) != nil)
        #expect(EmailMessage(from: Self.from, to: [Self.customer], subject: "", date: Self.sunday, text: "").messageID != message.messageID)
    }

    @Test func dateIsRFC5322InEnglish() throws {
        let message = EmailMessage(from: Self.from, to: [Self.customer], subject: "x", date: Self.sunday, text: "x")
        let raw = String(decoding: try message.rendered(), as: UTF8.self)
        #expect(raw.hasPrefix("Date: Sun, 29 Nov 2026 08:12:00 +0000\r\n"))
        let newYork = EmailMessage(from: Self.from, to: [Self.customer], subject: "x", date: Date(timeIntervalSince1970: 0),
                                   timeZone: TimeZone(identifier: "America/New_York")!, text: "x")
        #expect(String(decoding: try newYork.rendered(), as: UTF8.self).hasPrefix("Date: Wed, 31 Dec 1969 19:00:00 -0500\r\n"))
    }

    @Test func givenMessageIDIsKept() throws {
        let message = EmailMessage(from: Self.from, to: [Self.customer], subject: "x", date: Self.sunday,
                                   messageID: "<invoice-1001@stadtwerke.example>", text: "x")
        #expect(try ParsedMessage.parse(message.rendered()).messageID == "<invoice-1001@stadtwerke.example>")
    }

    // MARK: - Helpers

    static let longName = Array(repeating: "Zoë Bjørnstad-Ødegård", count: 6).joined(separator: " ")

    static func collapsingSpaces(_ text: String) -> String {
        text.split(separator: " ").joined(separator: " ")
    }

    static func unixLines(_ text: String) -> String { text.replacingOccurrences(of: "\r\n", with: "\n") }

    /// CRLF everywhere, header lines within 78 characters, body lines within 76, and nothing near 998.
    static func expectWellFormed(_ raw: [UInt8]) throws {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for index in raw.indices where raw[index] == 0x0A {
            #expect(index > 0 && raw[index - 1] == 0x0D, "bare LF at byte \(index)")
            lines.append(raw[start..<(index - 1)])
            start = index + 1
        }
        lines.append(raw[start...])
        #expect(!lines.contains { $0.contains(0x0D) }, "bare CR")
        #expect(!raw.contains { $0 >= 0x80 }, "8-bit byte in a 7-bit message")
        for line in lines {
            let text = String(decoding: line, as: UTF8.self)
            #expect(line.count <= 998)
            let isHeader = text.wholeMatch(of: /[A-Za-z-]+:.*/) != nil || text.hasPrefix(" ") || text.hasPrefix("\t")
            #expect(line.count <= (isHeader ? 78 : 76), "\(text)")
        }
    }

    /// The lines of one top-level header field.
    static func headerField(_ name: String, in raw: [UInt8]) -> [String] {
        let lines = String(decoding: raw, as: UTF8.self).components(separatedBy: "\r\n")
        guard let first = lines.firstIndex(where: { $0.hasPrefix(name + ":") }) else { return [] }
        var field = [lines[first]]
        for line in lines[(first + 1)...] {
            guard line.hasPrefix(" ") else { break }
            field.append(line)
        }
        return field
    }
}
