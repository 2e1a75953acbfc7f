import CustomerCenterTestSupport
import Foundation
import Testing

/// `request-transfer`, `transfers`, `import-statement`, `approve`, `reject` and `emails` as a merchant
/// runs them: separate processes on the demo content, a real camt.053 file and a real CSV.
@Suite struct TransferCommandTests {
    let cli = CommandLineTests()

    /// A camt.053.001.02 statement as German banks send it, with `credits` as (bank reference, amount,
    /// payer, remittance lines, structured reference).
    static func camt(_ credits: [(String, String, String, [String], String?)], currency: String = "EUR",
                     iban: String = "DE89370400440532013000") -> String {
        let entries = credits.map { credit -> String in
            let structured = credit.4.map { reference -> String in
                "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>\(reference)</Ref></CdtrRefInf></Strd>"
            } ?? ""
            return """
                <Ntry>
                  <Amt Ccy="\(currency)">\(credit.1)</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                  <BookgDt><Dt>2026-11-27</Dt></BookgDt><ValDt><Dt>2026-11-27</Dt></ValDt>
                  <AcctSvcrRef>\(credit.0)</AcctSvcrRef>
                  <BkTxCd><Prtry><Cd>NTRF+166</Cd><Issr>ZKA</Issr></Prtry></BkTxCd>
                  <NtryDtls><TxDtls>
                    <RltdPties><Dbtr><Nm>\(credit.2)</Nm></Dbtr><DbtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></DbtrAcct></RltdPties>
                    <RmtInf>\(credit.3.map { "<Ustrd>\($0)</Ustrd>" }.joined())\(structured)</RmtInf>
                  </TxDtls></NtryDtls>
                </Ntry>
                """
        }.joined(separator: "\n")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
              <BkToCstmrStmt>
                <GrpHdr><MsgId>STMT-2026-11-27</MsgId><CreDtTm>2026-11-27T22:00:00</CreDtTm></GrpHdr>
                <Stmt>
                  <Id>2026-11-27-001</Id><CreDtTm>2026-11-27T22:00:00</CreDtTm>
                  <Acct><Id><IBAN>\(iban)</IBAN></Id><Ccy>\(currency)</Ccy></Acct>
                  \(entries)
                </Stmt>
              </BkToCstmrStmt>
            </Document>
            """
    }

    func reference(_ output: String) throws -> String {
        let range = try #require(output.range(of: #"RF\d\d \d{4} \d{4} \d{4}"#, options: .regularExpression))
        return String(output[range])
    }

    @Test func aStatementIsMatchedApprovedOnceAndTheRestKept() async throws {
        let folder = TemporaryFolder("cli-transfers").copyDemo()
        #expect(try await cli.run(["build"], in: folder).status == 0)
        let requested = try await cli.run(["request-transfer", "1004", "--account", "1004-KARTE", "--amount", "50,00"], in: folder)
        #expect(requested.status == 0, "\(requested.stderr)")
        let rf = try reference(requested.stdout)
        let listed = try await cli.run(["transfers"], in: folder)
        #expect(listed.stdout.contains("\(rf)  announced  1004 / 1004-KARTE  expected 50,00\u{00A0}€"))
        #expect(folder.files(under: ".customer-center/outbox").count == 1)

        // The customer wrote the reference in lower case, broken over two lines; another credit has none.
        let compact = rf.replacingOccurrences(of: " ", with: "").lowercased()
        let statement = Self.camt([
            ("2026112700001", "45.00", "Anna Schmidt", ["Aufladung Karte " + compact.prefix(9), String(compact.dropFirst(9)) + " danke"], nil),
            ("2026112700002", "12.34", "Unbekannt GmbH", ["Rechnung 4711"], nil),
        ])
        folder.write(statement, to: "statement.xml")
        let imported = try await cli.run(["import-statement", "statement.xml"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("2026112700001  45,00\u{00A0}€  Anna Schmidt  \(rf)  1004/1004-KARTE  under by 5,00\u{00A0}€  → matched, awaiting approval"))
        #expect(imported.stdout.contains("→ unmatched: no known RF reference"))
        #expect(try await cli.run(["transfers"], in: folder).stdout.contains("received 45,00\u{00A0}€ on 2026-11-27 from Anna Schmidt"))
        #expect(try await cli.run(["unmatched"], in: folder).stdout.contains("12.34 EUR via bank 2026112700002"))

        // Approving books what arrived; the second time is refused with exit status 1.
        let approved = try await cli.run(["approve", rf], in: folder)
        #expect(approved.status == 0, "\(approved.stderr)")
        #expect(approved.stdout.contains("Approved \(rf): 45,00\u{00A0}€ booked to 1004 / 1004-KARTE"))
        let twice = try await cli.run(["approve", rf], in: folder)
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("already approved"))
        #expect(folder.files(under: ".customer-center/outbox").count == 2)      // request and receipt
        #expect(try await cli.run(["emails"], in: folder).stdout.contains("No emails waiting"))

        // The same statement again: nothing twice.
        let again = try await cli.run(["import-statement", "statement.xml", "--approve-matched"], in: folder)
        #expect(again.stdout.contains("2 credits (2 already imported)"))
        #expect(try await cli.run(["payments", "1004"], in: folder).stdout.components(separatedBy: "45.00 EUR").count == 2)
    }

    @Test func approveMatchedBooksExactOverAndUnderPaymentsFromACSV() async throws {
        let folder = TemporaryFolder("cli-csv").copyDemo()
        #expect(try await cli.run(["build"], in: folder).status == 0)
        let first = try reference(try await cli.run(["request-transfer", "1004", "--account", "1004-KARTE", "--amount", "20,00"], in: folder).stdout)
        let second = try reference(try await cli.run(["request-transfer", "1008", "--account", "1008-PREPAID", "--amount", "30,00"], in: folder).stdout)
        let third = try reference(try await cli.run(["request-transfer", "1004", "--account", "1004-KARTE", "--amount", "15,00"], in: folder).stdout)
        let csv = """
            booking_date;value_date;amount;currency;payer_name;payer_iban;reference;remittance;bank_reference
            27.11.2026;27.11.2026;20,00;EUR;Jonas Weber;DE02120300000000202051;\(first);;CSV-1
            27.11.2026;27.11.2026;35,00;EUR;Sophie Gruber;AT611904300234573201;;Aufladung \(second);CSV-2
            27.11.2026;27.11.2026;10,00;EUR;Jonas Weber;DE02120300000000202051;;\(third.lowercased());CSV-3
            27.11.2026;27.11.2026;-99,00;EUR;Stadtwerke;DE02120300000000202051;;Lastschrift;CSV-4

            """
        folder.write(csv, to: "statement.csv")
        let imported = try await cli.run(["import-statement", "statement.csv", "--approve-matched"], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("20,00\u{00A0}€  Jonas Weber  \(first)  1004/1004-KARTE  exact  → approved"))
        #expect(imported.stdout.contains("35,00\u{00A0}€  Sophie Gruber  \(second)  1008/1008-PREPAID  over by 5,00\u{00A0}€  → approved"))
        #expect(imported.stdout.contains("10,00\u{00A0}€  Jonas Weber  \(third)  1004/1004-KARTE  under by 5,00\u{00A0}€  → approved"))
        #expect(imported.stdout.contains("3 credits (3 approved); 1 debits and reversals skipped"))
        #expect(try await cli.run(["transfers"], in: folder).stdout.contains("No transfers waiting"))
        // Three requests and three receipts in the outbox.
        #expect(folder.files(under: ".customer-center/outbox").count == 6)
    }

    /// The merchant types amounts like customers do (issue 13): with a sign, the other decimal mark,
    /// and an ambiguous one is refused with the amount it could be.
    @Test func amountsAreTypedAsCustomersTypeThem() async throws {
        let folder = TemporaryFolder("cli-amounts").copyDemo()
        #expect(try await cli.run(["build"], in: folder).status == 0)
        let signed = try await cli.run(["request-transfer", "1004", "--account", "1004-KARTE", "--amount", "20,00 €"], in: folder)
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(try await cli.run(["transfers"], in: folder).stdout.contains("announced  1004 / 1004-KARTE  expected 20,00\u{00A0}€"))
        let ambiguous = try await cli.run(["request-transfer", "1008", "--account", "1008-PREPAID", "--amount", "1,234"], in: folder)
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr == "error: --amount \"1,234\" has more than 2 decimals; for 1234.00 EUR write 1234.00\n")
    }

    @Test func badStatementsStopBeforeAnythingIsRecorded() async throws {
        let folder = TemporaryFolder("cli-bad-statement").copyDemo()
        #expect(try await cli.run(["build"], in: folder).status == 0)
        let rf = try reference(try await cli.run(["request-transfer", "1004", "--account", "1004-KARTE", "--amount", "20,00"], in: folder).stdout)
        let good = Self.camt([("B-1", "20.00", "Jonas Weber", [], rf)])
        let cases: [(String, String, String)] = [
            ("truncated.xml", String(good.prefix(good.count / 2)), "truncated.xml"),
            ("chf.xml", Self.camt([("B-1", "20.00", "Jonas Weber", [], rf)], currency: "CHF"), "CHF"),
            ("other-account.xml", Self.camt([("B-1", "20.00", "Jonas Weber", [], rf)], iban: "DE02120300000000202051"), "not DE89"),
            ("empty.csv", "", "empty.csv"),
            ("columns.csv", "booking_date,amount,currency,bank_reference\n2026-11-27,20.00,EUR\n", "columns.csv:2: the row has 3 fields"),
        ]
        for (name, text, message) in cases {
            folder.write(text, to: name)
            let result = try await cli.run(["import-statement", name, "--approve-matched"], in: folder)
            #expect(result.status == 1, "\(name)")
            #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
        }
        #expect(try await cli.run(["import-statement", "missing.xml"], in: folder).status == 1)
        // Nothing was recorded: the announcement still waits.
        #expect(try await cli.run(["transfers"], in: folder).stdout.contains("\(rf)  announced"))
        let rejected = try await cli.run(["reject", rf.lowercased()], in: folder)
        #expect(rejected.status == 0, "\(rejected.stderr)")
        #expect(try await cli.run(["transfers"], in: folder).stdout.contains("No transfers waiting"))
    }
}
