import CustomerCenterTestSupport
import Foundation
import Testing

/// `send-links`, `rotate-link` and `remind` as a merchant runs them on the demo: separate processes,
/// the real outbox, every message read back by Python's `email` parser, GiroCodes by `zbarimg`.
@Suite struct MailingCommandTests {
    let cli = CommandLineTests()
    let asOf = ["--as-of", "2026-11-29"]

    /// The `.eml` files of the outbox, oldest name first, as paths.
    static func outbox(_ folder: TemporaryFolder) -> [String] {
        folder.files(under: ".customer-center/outbox").filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }
            .map { folder.file(".customer-center/outbox/" + $0) }
    }

    /// The personal URL of every customer, by id, from `links`.
    func links(_ folder: TemporaryFolder) async throws -> [String: String] {
        let csv = try await cli.run(["links"], in: folder).stdout
        var urls: [String: String] = [:]
        for row in csv.components(separatedBy: "\r\n").dropFirst() where !row.isEmpty {
            let fields = row.split(separator: ",")
            urls[String(fields[0])] = String(fields[fields.count - 1])
        }
        return urls
    }

    /// Every secret of the demo secrets file: none may be in a message.
    static func secrets(_ folder: TemporaryFolder) -> [String] {
        let text = folder.read("demo-secrets.toml")
        let quoted = try! NSRegularExpression(pattern: #""([^"]{16,})""#)
        return quoted.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range(at: 1), in: text)!])
        }
    }

    /// The plain-text part with its CRLF line ends as LF.
    static func plain(_ message: ParsedMessage) -> String? {
        message.part("text/plain")?.text?.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// What every message of ours has: sender, one recipient, our headers, text and HTML in UTF-8,
    /// the customer's link in both, and no secret but that link.
    func expectProperMessage(_ message: ParsedMessage, raw: String, kind: String, url: String, secrets: [String]) {
        #expect(message.defects.isEmpty, "\(message.defects)")
        #expect(message.from == [ParsedMessage.Mailbox(name: "Stadtwerke Sonnenfeld GmbH", address: "kundenservice@stadtwerke-sonnenfeld.example")])
        #expect(message.to.count == 1)
        #expect(message.headers["x-customer-center-kind"] == kind)
        #expect(message.headers["auto-submitted"] == "auto-generated")
        #expect(message.headers["mime-version"] == "1.0")
        #expect(message.messageID?.hasSuffix("@stadtwerke-sonnenfeld.example>") == true)
        #expect(message.timestamp != nil)
        #expect(message.structure.hasPrefix("multipart/alternative(text/plain,"))
        let text = message.part("text/plain")
        let html = message.part("text/html")
        #expect(text?.charset == "utf-8")
        #expect(html?.charset == "utf-8")
        #expect(text?.text?.contains(url) == true, "the link in the text part")
        #expect(html?.text?.contains("href=\"\(url)\"") == true, "the link in the HTML part")
        for part in message.parts { #expect(part.defects.isEmpty, "\(part.type): \(part.defects)") }
        // Checked in the bytes and in the decoded parts (quoted-printable may break a line inside a value).
        let decoded = [raw, text?.text ?? "", html?.text ?? ""]
        for secret in secrets { #expect(!decoded.contains { $0.contains(secret) }, "a secret in the message") }
        // No pay link: its token would be a second secret in the message.
        #expect(!decoded.contains { $0.contains("/pay?") || $0.contains("token=") })
    }

    @Test func sendLinksAllPutsOneProperMessagePerCustomerInTheOutboxAndARerunNone() async throws {
        let folder = TemporaryFolder("cli-send-links").copyDemo()
        #expect(try await cli.run(["build"] + asOf, in: folder).status == 0)
        let sent = try await cli.run(["send-links", "--all"], in: folder)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout == "Queued 8 personal links (0 already sent before, 0 left out); all delivered.\n")
        #expect(sent.stderr.isEmpty)

        let files = Self.outbox(folder)
        try #require(files.count == 8)
        let urls = try await links(folder)
        let secrets = Self.secrets(folder)
        #expect(secrets.count >= 4)
        var mailed: [String: String] = [:]
        for (path, message) in zip(files, try ParsedMessage.parse(files: files)) {
            let address = try #require(message.to.first?.address)
            let customer = try #require(["1001", "1002", "1003", "1004", "1005", "1006", "1007", "1008"].first {
                folder.read("content/customers/\($0).json").contains("\"\(address)\"")
            })
            #expect(mailed.updateValue(path, forKey: customer) == nil, "one message per customer")
            let url = try #require(urls[customer])
            expectProperMessage(message, raw: try String(contentsOfFile: path, encoding: .utf8), kind: "personal-link", url: url, secrets: secrets)
            #expect(message.structure == "multipart/alternative(text/plain,text/html)")
            // The link leads to the customer's page.
            let token = url.split(separator: "/").last!
            #expect(folder.read("site/c/\(token)/index.html").contains(customer))
            if customer == "1003" {
                #expect(message.subject == "Your personal page at Stadtwerke Sonnenfeld GmbH")
                #expect(Self.plain(message)?.hasPrefix("Hello Emily Clarke,\n\nfrom now on you can see your invoices") == true)
            } else {
                #expect(message.subject == "Ihre persönliche Seite bei Stadtwerke Sonnenfeld GmbH")
                #expect(message.part("text/plain")?.text?.contains("Der Link ist nur für Sie bestimmt") == true)
            }
        }
        #expect(mailed.count == 8)
        let weiss = try ParsedMessage.parse(files: [try #require(mailed["1001"])])[0]
        #expect(weiss.to == [ParsedMessage.Mailbox(name: "Jürgen Weiß", address: "juergen.weiss@example.de")])

        // A rerun sends nothing twice.
        let again = try await cli.run(["send-links", "--all"], in: folder)
        #expect(again.status == 0)
        #expect(again.stdout == "Queued 0 personal links (8 already sent before, 0 left out); nothing new to deliver.\n")
        #expect(Self.outbox(folder).count == 8)
        let listed = try await cli.run(["emails", "--all"], in: folder).stdout
        #expect(listed.components(separatedBy: " sent personal-link to ").count == 9)
    }

    @Test func namedCustomersAreCheckedFirstAndNothingIsHalfSent() async throws {
        let folder = TemporaryFolder("cli-send-named").copyDemo()
        #expect(try await cli.run(["build"] + asOf, in: folder).status == 0)
        // A customer reached by letter: no email address in the file.
        folder.write(folder.read("content/customers/1002.json").replacingOccurrences(of: "\"email\": \"buchhaltung@mueller-soehne.example\",", with: ""),
                     to: "content/customers/1002.json")
        let refused = try await cli.run(["send-links", "1001", "9999", "1002", "../x"], in: folder)
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr == """
            error: no customer "9999": content/customers/9999.json does not exist
            error: customer 1002 has no email address (field email of its customer file)
            error: no customer "../x": content/customers/../x.json does not exist
            error: nothing was sent: fix the customers named above, or leave them out, and run send-links again

            """)
        #expect(Self.outbox(folder).isEmpty)
        #expect(try await cli.run(["emails", "--all"], in: folder).stdout == "No emails.\n")

        let two = try await cli.run(["send-links", "1001", "1003", "1001"], in: folder)
        #expect(two.status == 0, "\(two.stderr)")
        #expect(two.stdout.hasPrefix("Queued 2 personal links (0 already sent before, 0 left out)"))
        // --all leaves the customer without an address out, names them, and mails the rest.
        let all = try await cli.run(["send-links", "--all"], in: folder)
        #expect(all.status == 0)
        #expect(all.stderr == "warning: customer 1002 has no email address (field email of its customer file); not sent\n")
        #expect(all.stdout.hasPrefix("Queued 5 personal links (2 already sent before, 1 left out)"))
        #expect(Self.outbox(folder).count == 7)

        // A new customer whose page was not built yet is not mailed a dead link.
        folder.write(folder.read("content/customers/1007.json").replacingOccurrences(of: "\"1007\"", with: "\"1009\"")
            .replacingOccurrences(of: "1007-STROM", with: "1009-STROM"), to: "content/customers/1009.json")
        let unbuilt = try await cli.run(["send-links", "1009"], in: folder)
        #expect(unbuilt.status == 1)
        #expect(unbuilt.stderr.hasPrefix("error: customer 1009 has no page in site yet: run `customer-center build` (and deploy) first\n"))

        for arguments in [["send-links"], ["send-links", "--all", "1001"]] {
            let usage = try await cli.run(arguments, in: folder)
            #expect(usage.status == 64, "\(arguments)")
            #expect(usage.stderr.contains("give "), "\(usage.stderr)")
        }
        let unbuiltSite = TemporaryFolder("cli-send-unbuilt").copyDemo()
        let nothing = try await cli.run(["send-links", "--all"], in: unbuiltSite)
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("site: no site was built here, so the links would lead nowhere"))
    }

    @Test func rotateLinkMailsTheNewLinkAndWritesItsPageNoEmailSendsNone() async throws {
        let folder = TemporaryFolder("cli-rotate-mail").copyDemo()
        #expect(try await cli.run(["build"] + asOf, in: folder).status == 0)
        let oldURL = try #require(try await links(folder)["1003"])
        let rotated = try await cli.run(["rotate-link", "1003"], in: folder)
        #expect(rotated.status == 0, "\(rotated.stderr)")
        let newURL = try #require(try await links(folder)["1003"])
        #expect(newURL != oldURL)
        #expect(rotated.stdout.contains("New personal URL: \(newURL)\n"))
        #expect(rotated.stdout.contains("Email with the new link sent"))
        // The new page is there at once, the old one is gone.
        #expect(folder.read("site/c/\(newURL.split(separator: "/").last!)/index.html").contains("Emily Clarke"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("site/c/\(oldURL.split(separator: "/").last!)")))
        let files = Self.outbox(folder)
        try #require(files.count == 1)
        let message = try ParsedMessage.parse(files: files)[0]
        expectProperMessage(message, raw: try String(contentsOfFile: files[0], encoding: .utf8), kind: "personal-link", url: newURL,
                            secrets: Self.secrets(folder))
        #expect(message.subject == "Your new link to your personal page at Stadtwerke Sonnenfeld GmbH")
        #expect(message.part("text/plain")?.text?.contains("The previous link no longer works") == true)
        #expect(message.part("text/plain")?.text?.contains(oldURL) == false)
        // Recorded: send-links does not mail the same link again.
        #expect(try await cli.run(["send-links", "1003"], in: folder).stdout.hasPrefix("Queued 0 personal links (1 already sent before"))

        let quiet = try await cli.run(["rotate-link", "1003", "--no-email"], in: folder)
        #expect(quiet.status == 0)
        #expect(quiet.stdout.contains("No email sent: send the new link with `customer-center send-links 1003`"))
        #expect(Self.outbox(folder).count == 1)
        #expect(try await cli.run(["build"] + asOf, in: folder).status == 0)
        #expect(try await cli.run(["send-links", "1003"], in: folder).stdout.hasPrefix("Queued 1 personal link (0 already sent before"))
        #expect(Self.outbox(folder).count == 2)

        // Without an address nothing changes: the link is not rotated.
        let file = folder.read("content/customers/1005.json")
        folder.write(file.replacingOccurrences(of: "\"email\": \"oezlem.yildiz@example.de\",", with: ""), to: "content/customers/1005.json")
        let noAddress = try await cli.run(["rotate-link", "1005"], in: folder)
        #expect(noAddress.status == 1)
        #expect(noAddress.stderr == """
            error: customer 1005 has no email address
            error: the link was not rotated; fix this, or rotate with --no-email and tell the customer yourself

            """)
        #expect(!folder.read("content/customers/1005.json").contains("link_version"))
    }

    @Test func remindMailsOverdueInvoicesWithTheTransferDetailsOncePerInterval() async throws {
        let folder = TemporaryFolder("cli-remind").copyDemo()
        // An English customer with an overdue invoice too.
        folder.write(folder.read("content/customers/1003.json").replacingOccurrences(
            of: "\"invoices\": [", with: "\"invoices\": [\n        { \"number\": \"RE-2026-3003\", \"issued\": \"2026-10-15\", \"due\": \"2026-11-28\", \"amount\": \"61.00\" },"),
            to: "content/customers/1003.json")
        #expect(try await cli.run(["build"] + asOf, in: folder).status == 0)
        let reminded = try await cli.run(["remind"] + asOf, in: folder)
        #expect(reminded.status == 0, "\(reminded.stderr)")
        #expect(reminded.stdout == "Queued 3 reminders of 4 invoices (0 invoices reminded within the interval, 0 customers left out); all delivered.\n")
        let files = Self.outbox(folder)
        try #require(files.count == 3)
        let urls = try await links(folder)
        let secrets = Self.secrets(folder)
        let messages = try ParsedMessage.parse(files: files)
        func message(to address: String) throws -> (ParsedMessage, String) {
            let index = try #require(messages.firstIndex { $0.to.first?.address == address })
            return (messages[index], try String(contentsOfFile: files[index], encoding: .utf8))
        }
        for (address, customer) in [("juergen.weiss@example.de", "1001"), ("buchhaltung@mueller-soehne.example", "1002"),
                                    ("emily.clarke@example.co.uk", "1003")] {
            let (parsed, raw) = try message(to: address)
            expectProperMessage(parsed, raw: raw, kind: "reminder", url: try #require(urls[customer]), secrets: secrets)
        }

        // Jürgen Weiß: two invoices, amounts after his payments, due dates, and how to transfer each.
        let (weiss, _) = try message(to: "juergen.weiss@example.de")
        #expect(weiss.subject == "Zahlungserinnerung: 128,40\u{00A0}€ überfällig")
        #expect(weiss.structure == "multipart/alternative(text/plain,multipart/related(text/html,image/png,image/png))")
        let text = try #require(Self.plain(weiss))
        #expect(text.contains("Diese 2 Rechnungen sind fällig und noch offen (Stand 29.11.2026):"))
        #expect(text.contains("- Rechnung RE-2026-0915 (Abschlag September)\n  Fällig am 15.09.2026, seit 75 Tagen überfällig\n  Offen: 44,20\u{00A0}€ (Betrag 84,20\u{00A0}€)\n  Verwendungszweck: RF"))
        #expect(text.contains("- Rechnung RE-2026-1015 (Abschlag Oktober)\n  Fällig am 15.10.2026, seit 45 Tagen überfällig\n  Offen: 84,20\u{00A0}€\n"))
        #expect(!text.contains("RE-2026-0815") && !text.contains("RE-2026-1115"), "paid, and not yet due")
        #expect(text.contains("Zusammen überfällig: 128,40\u{00A0}€"))
        #expect(text.contains("Empfänger: Stadtwerke Sonnenfeld GmbH\nIBAN: DE89 3704 0044 0532 0130 00\nBIC: COBADEFFXXX\nBank: Commerzbank"))
        #expect(text.contains("Sie können auch online bezahlen"))
        // Each reference is the one the page quotes for that invoice, and its GiroCode scans to it and the open amount.
        let references = text.matches(of: #/Verwendungszweck: (RF\d\d \d{4} \d{4} \d{4})/#).map { String($0.output.1) }
        #expect(references.count == 2)
        let page = folder.read("site/c/\(urls["1001"]!.split(separator: "/").last!)/index.html")
        let html = try #require(weiss.part("text/html")?.text)
        for reference in references {
            #expect(page.contains(reference), "the page quotes \(reference)")
            #expect(html.contains(">\(reference)</p>"))
        }
        let images = weiss.parts.filter { $0.type == "image/png" }
        #expect(images.map(\.contentID) == ["<girocode-1@customer-center>", "<girocode-2@customer-center>"])
        for (index, image) in images.enumerated() {
            #expect(html.contains("src=\"cid:girocode-\(index + 1)@customer-center\""))
            let lines = try QRDecoder.decode(png: image.bytes).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.prefix(4) == ["BCD", "002", "1", "SCT"])
            #expect(lines[6] == "DE89370400440532013000")
            #expect(lines[7] == ["EUR44.20", "EUR84.20"][index])
            #expect(lines[9] == references[index].replacingOccurrences(of: " ", with: ""))
        }
        let (clarke, _) = try message(to: "emily.clarke@example.co.uk")
        #expect(clarke.subject == "Payment reminder: €61.00 overdue")
        #expect(clarke.part("text/plain")?.text?.contains("this invoice is due and still open (as of 29\u{00A0}Nov\u{00A0}2026):") == true)
        #expect(clarke.part("text/plain")?.text?.contains("1 day overdue") == true)

        // The same day again: nothing twice.
        let again = try await cli.run(["remind"] + asOf, in: folder)
        #expect(again.stdout == "Queued 0 reminders of 0 invoices (4 invoices reminded within the interval, 0 customers left out); nothing new to deliver.\n")
        #expect(Self.outbox(folder).count == 3)

        // The interval is the merchant's: zero or less is refused naming the key; one day reminds again the next day.
        let config = folder.read("content/config.toml")
        folder.write(config + "\n[reminders]\ninterval_days = 0\n", to: "content/config.toml")
        let zero = try await cli.run(["remind"], in: folder)
        #expect(zero.status == 1)
        #expect(zero.stderr == "error: content/config.toml: [reminders].interval_days: must be between 1 and 365\n")
        folder.write(config + "\n[reminders]\ninterval_days = 1\n", to: "content/config.toml")
        // Meanwhile 1002 is reached by letter only: named, left out, the others are reminded.
        folder.write(folder.read("content/customers/1002.json").replacingOccurrences(of: "\"email\": \"buchhaltung@mueller-soehne.example\",", with: ""),
                     to: "content/customers/1002.json")
        let nextDay = try await cli.run(["remind", "--as-of", "2026-11-30", "--overdue-days", "30"], in: folder)
        #expect(nextDay.status == 0, "\(nextDay.stderr)")
        #expect(nextDay.stdout == "Queued 1 reminder of 2 invoices (0 invoices reminded within the interval, 1 customer left out); all delivered.\n")
        #expect(nextDay.stderr == "warning: customer 1002 has no email address (field email of its customer file); not reminded of RE-2026-2001\n")
        #expect(Self.outbox(folder).count == 4)

        let future = try await cli.run(["remind", "--as-of", "2999-01-01"], in: folder)
        #expect(future.status == 1)
        #expect(future.stderr.hasPrefix("error: --as-of 2999-01-01 is after today ("))
        #expect(try await cli.run(["remind", "--overdue-days", "0"], in: folder).status == 64)
    }
}
