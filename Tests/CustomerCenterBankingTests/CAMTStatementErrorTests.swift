import CustomerCenterBanking
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

/// What a broken camt file reports: file, line, entry, field and reason.
@Suite struct CAMTStatementErrorTests {
    let folder = TemporaryFolder("camt")

    /// The error for a statement holding only `entry`.
    func error(_ entry: String) -> StatementError? {
        StatementFixtures.error(reading: StatementFixtures.camt053(entries: entry), in: folder)
    }

    @Test func aTruncatedFileNamesTheLineWhereXMLParserStopped() throws {
        let path = StatementFixtures.path("truncated.xml")
        let error = try #require(throws: StatementError.self) { try StatementParser.read(path: path) }
        #expect(error.file == path)
        #expect(error.line == 183)
        #expect(error.reason == .malformedXML(
            "the document ends before its elements are closed (is the file cut off?), at column 41 (XMLParser error 5)"))
        #expect(error.description == "\(path):183: malformed XML: the document ends before its elements are closed "
            + "(is the file cut off?), at column 41 (XMLParser error 5)")
    }

    @Test func mismatchedTagsAreMalformed() throws {
        let text = StatementFixtures.camt053(entries: StatementFixtures.entry(details: "<NtryDtls><TxDtls></NtryDtls>"))
        let error = try #require(StatementFixtures.error(reading: text, in: folder))
        #expect(error.line == 14)
        guard case .malformedXML(let why) = error.reason else { Issue.record("\(error)"); return }
        #expect(why.hasPrefix("an end tag does not match the open element"))
    }

    @Test func anAmountWithoutCurrencyNamesEntryAndLine() throws {
        let path = StatementFixtures.path("missing-currency.xml")
        let error = try #require(throws: StatementError.self) { try StatementParser.read(path: path) }
        #expect(error == StatementError(file: path, line: 148, entry: 2, field: "Amt/@Ccy", reason: .missing("the currency (Ccy)")))
        #expect(error.description == "\(path):148: entry 2: Amt/@Ccy: the currency (Ccy) is missing")
    }

    @Test func missingAmountIndicatorStatusOrBookingDate() throws {
        // The entry starts on line 8 of the generated file; absent elements are reported there.
        let noAmount = try #require(error(StatementFixtures.entry(amount: "")))
        #expect(noAmount.line == 8)
        #expect(noAmount.entry == 1)
        #expect(noAmount.reason == .missing("the amount (Amt)"))
        #expect(noAmount.description.hasSuffix("statement.xml:8: entry 1: Amt: the amount (Amt) is missing"))

        #expect(error(StatementFixtures.entry(indicator: ""))?.reason == .missing("the credit/debit indicator (CdtDbtInd)"))
        #expect(error(StatementFixtures.entry(status: ""))?.reason == .missing("the status (Sts)"))
        #expect(error(StatementFixtures.entry(booking: ""))?.reason == .missing("the booking date (BookgDt)"))
        #expect(error(StatementFixtures.entry(amount: #"<Amt Ccy="EUR"> </Amt>"#))?.reason == .missing("the amount (Amt)"))
    }

    @Test func wrongValuesAreNamed() throws {
        let indicator = try #require(error(StatementFixtures.entry(indicator: "<CdtDbtInd>CRED</CdtDbtInd>")))
        #expect(indicator.line == 10)
        #expect(indicator.field == "CdtDbtInd")
        #expect(indicator.reason == .invalidIndicator("CRED"))
        #expect(error(StatementFixtures.entry(amount: #"<Amt Ccy="EURO">10.00</Amt>"#))?.reason == .invalidCurrency("EURO"))
        let date = try #require(error(StatementFixtures.entry(booking: "<BookgDt><Dt>2026-02-30</Dt></BookgDt>")))
        #expect(date.field == "BookgDt/Dt")
        #expect(date.reason == .invalidDate("2026-02-30"))
        #expect(error(StatementFixtures.entry(booking: "<BookgDt><Tm>10:00</Tm></BookgDt>"))?.reason
            == .missing("the date (BookgDt/Dt or BookgDt/DtTm)"))
    }

    @Test(arguments: [
        ("10.001", "EUR has 2 decimal places, the amount has 3"),
        ("1,00", #""1,00" is not an amount; write it like "1234.56" (a dot, no thousands separator)"#),
        ("-5.00", "camt amounts have no sign; CdtDbtInd says which way"),
        ("1.2.3", #""1.2.3" is not an amount; write it like "1234.56" (a dot, no thousands separator)"#),
    ])
    func amountsMustBeExactDecimalsForTheirCurrency(text: String, why: String) throws {
        let found = try #require(error(StatementFixtures.entry(amount: #"<Amt Ccy="EUR">\#(text)</Amt>"#)))
        #expect(found.field == "Amt")
        #expect(found.reason == .invalidAmount(text, currency: "EUR", why: why))
    }

    @Test func trailingZerosAndOtherCurrenciesAreExact() throws {
        let zeros = try StatementFixtures.read(StatementFixtures.camt053(entries: StatementFixtures.entry(amount: #"<Amt Ccy="EUR">10.000</Amt>"#)), in: folder)
        #expect(zeros.entries.first?.amount == Money(minorUnits: 1000, currency: .eur))
        let yen = try StatementFixtures.read(StatementFixtures.camt053(entries: StatementFixtures.entry(amount: #"<Amt Ccy="JPY">1500</Amt>"#)), in: folder)
        #expect(yen.entries.first?.amount == Money(minorUnits: 1500, currency: Currency(code: "JPY")!))
        #expect(error(StatementFixtures.entry(amount: #"<Amt Ccy="JPY">1500.5</Amt>"#))?.reason
            == .invalidAmount("1500.5", currency: "JPY", why: "JPY has 0 decimal places, the amount has 1"))
    }

    @Test func aCreditNeedsABankReferenceADebitDoesNot() throws {
        let credit = try #require(error(StatementFixtures.entry(reference: "")))
        #expect(credit == StatementError(file: folder.file("statement.xml"), line: 8, entry: 1, field: "AcctSvcrRef",
                                         reason: .missingBankReference))
        #expect(credit.description.hasSuffix("statement.xml:8: entry 1: AcctSvcrRef: the credit has no bank reference "
            + "(AcctSvcrRef), so a second import could not recognise it; ask the bank for statements with account servicer references"))

        let debit = try StatementFixtures.read(StatementFixtures.camt053(entries: StatementFixtures.entry(
            indicator: "<CdtDbtInd>DBIT</CdtDbtInd>", reference: "")), in: folder)
        #expect(debit.entries.first?.bankReference == nil)

        // A single transaction's own reference stands in for a missing entry reference.
        let fromTransaction = try StatementFixtures.read(StatementFixtures.camt053(entries: StatementFixtures.entry(
            reference: "", details: "<NtryDtls><TxDtls><Refs><AcctSvcrRef>TX-9</AcctSvcrRef></Refs></TxDtls></NtryDtls>")), in: folder)
        #expect(fromTransaction.entries.first?.bankReference == "TX-9")
    }

    @Test func batchTransactionsNeedAmountsAndReferences() throws {
        let noAmount = try #require(error(StatementFixtures.entry(details: """
            <NtryDtls>
                  <TxDtls><Amt Ccy="EUR">4.00</Amt></TxDtls>
                  <TxDtls><Refs><EndToEndId>X</EndToEndId></Refs></TxDtls>
                </NtryDtls>
            """)))
        #expect(noAmount == StatementError(
            file: folder.file("statement.xml"), line: 16, entry: 1, transaction: 2, field: "TxDtls/Amt",
            reason: .missing("the transaction amount (TxDtls/Amt or TxDtls/AmtDtls/TxAmt/Amt)")))
        #expect(noAmount.description.hasSuffix(":16: entry 1, transaction 2: TxDtls/Amt: the transaction amount "
            + "(TxDtls/Amt or TxDtls/AmtDtls/TxAmt/Amt) is missing"))

        let noReference = try #require(error(StatementFixtures.entry(reference: "", details: """
            <NtryDtls>
                  <TxDtls><Amt Ccy="EUR">4.00</Amt></TxDtls>
                  <TxDtls><Amt Ccy="EUR">6.00</Amt></TxDtls>
                </NtryDtls>
            """)))
        #expect(noReference.transaction == 1)
        #expect(noReference.reason == .missingBankReference)

        let badIndicator = try #require(error(StatementFixtures.entry(details: """
            <NtryDtls>
                  <TxDtls><Amt Ccy="EUR">4.00</Amt><CdtDbtInd>X</CdtDbtInd></TxDtls>
                  <TxDtls><Amt Ccy="EUR">6.00</Amt></TxDtls>
                </NtryDtls>
            """)))
        #expect(badIndicator.transaction == 1)
        #expect(badIndicator.reason == .invalidIndicator("X"))
    }

    @Test func aDebitTransactionInACreditBatchKeepsItsDirection() throws {
        let statement = try StatementFixtures.read(StatementFixtures.camt053(entries: StatementFixtures.entry(details: """
            <NtryDtls>
                  <TxDtls><Amt Ccy="EUR">14.00</Amt></TxDtls>
                  <TxDtls><Amt Ccy="EUR">4.00</Amt><CdtDbtInd>DBIT</CdtDbtInd></TxDtls>
                </NtryDtls>
            """)), in: folder)
        #expect(statement.entries.map(\.direction) == [.credit, .debit])
        #expect(statement.entries.map(\.bankReference) == ["REF-1/1", "REF-1/2"])
        #expect(statement.credits.map(\.amount.minorUnits) == [1400])
    }

    @Test func otherMessagesAreRefused() throws {
        let report = """
            <?xml version="1.0"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.02">
              <BkToCstmrAcctRpt><GrpHdr><MsgId>1</MsgId></GrpHdr></BkToCstmrAcctRpt>
            </Document>
            """
        let error = try #require(StatementFixtures.error(reading: report, in: folder))
        #expect(error.line == 3)
        #expect(error.reason == .unsupportedMessage("BkToCstmrAcctRpt"))
        #expect(error.description.hasSuffix(":3: <BkToCstmrAcctRpt> is not a camt.053 statement (BkToCstmrStmt) "
            + "or camt.054 notification (BkToCstmrDbtCdtNtfctn)"))
        #expect(StatementFixtures.error(reading: "<html><body>Login</body></html>", in: folder)?.reason == .unsupportedMessage("html"))
        #expect(StatementFixtures.error(reading: "<Document/>", in: folder)?.reason == .unsupportedMessage("Document"))
    }

    @Test func pendingEntriesAreNotValidated() throws {
        // A pending entry may lack what a booked one needs; it is skipped and counted.
        let statement = try StatementFixtures.read(StatementFixtures.camt053(entries: StatementFixtures.entry(
            status: "<Sts>PDNG</Sts>", booking: "", reference: "")), in: folder)
        #expect(statement.entries.isEmpty)
        #expect(statement.notBookedCount == 1)
    }

    @Test func readsAThousandEntriesInOrder() throws {
        var entries = ""
        for index in 1...1000 {
            entries += StatementFixtures.entry(amount: #"<Amt Ccy="EUR">\#(index).01</Amt>"#,
                                               reference: "<AcctSvcrRef>R\(index)</AcctSvcrRef>") + "\n"
        }
        let statement = try StatementFixtures.read(StatementFixtures.camt053(entries: entries), in: folder)
        #expect(statement.entries.count == 1000)
        #expect(statement.entries.last?.position.entry == 1000)
        #expect(statement.entries.last?.bankReference == "R1000")
        #expect(statement.entries.last?.amount.minorUnits == 100_001)
    }

    /// Found by fuzzing (camt-statement): a byte that is not UTF-8 in an element name made libxml2
    /// report the error and read on, and FoundationXML trapped on the name. The file is refused first.
    @Test func aByteThatIsNotUTF8InAnElementNameIsRefusedWithItsLine() throws {
        let path = StatementFixtures.path("fuzz-element-name-not-utf8.xml")
        let error = try #require(throws: StatementError.self) { try StatementParser.read(path: path) }
        #expect(error == StatementError(file: path, line: 34, reason: .notUTF8))
        let minimal = Array("<Document><BkToCstmrStmt><Stmt><Bal".utf8) + [0xE0, 0x0A] + Array("/></Stmt></BkToCstmrStmt></Document>".utf8)
        #expect(throws: StatementError(file: "minimal.xml", line: 1, reason: .notUTF8)) {
            try CAMTStatementParser.parse(Data(minimal), path: "minimal.xml")
        }
    }

    /// Found by fuzzing in a 10-minute run (camt-statement): with a misspelt encoding
    /// (`encoding="UTF-8555…"`) the check was skipped, libxml2 read the bytes as UTF-8 all the same,
    /// and FoundationXML trapped again. Only Latin-1 and Latin-9 (and UTF-16) skip the check now.
    @Test func aMisspeltEncodingIsCheckedAsUTF8() throws {
        let path = StatementFixtures.path("fuzz-misspelt-encoding.xml")
        let error = try #require(throws: StatementError.self) { try StatementParser.read(path: path) }
        #expect(error == StatementError(file: path, line: 12, reason: .notUTF8))
        let windows = Array(#"<?xml version="1.0" encoding="windows-1252"?><Document><Bal"#.utf8) + [0xE0, 0x0A] + Array("/></Document>".utf8)
        #expect(throws: StatementError(file: "w.xml", line: 1, reason: .notUTF8)) { try CAMTStatementParser.parse(Data(windows), path: "w.xml") }
    }

    /// Found by fuzzing in a 10-minute run (camt-statement): a first `<?xml` with bytes that are not
    /// UTF-8, then a second, well-formed declaration naming ISO-8859-1. The scan read up to the first
    /// `>`, found the second declaration's Latin-1, skipped the UTF-8 check, and FoundationXML trapped.
    @Test func onlyTheFirstWellFormedDeclarationCanSkipTheUTF8Check() throws {
        let path = StatementFixtures.path("fuzz-second-declaration.xml")
        let error = try #require(throws: StatementError.self) { try StatementParser.read(path: path) }
        #expect(error == StatementError(file: path, line: 1, reason: .notUTF8))
        // A real Latin-1 statement still reads: its declaration comes first and is well formed.
        let latin = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><Document/>"#.utf8)
        #expect(!(try #require(throws: StatementError.self) { try CAMTStatementParser.parse(Data(latin), path: "l.xml") }.description.contains("UTF-8")))
    }

    /// Found by fuzzing in a 10-minute run (camt-statement): `<` and zero bytes (libxml2 takes them
    /// for UTF-16 or UTF-32 and cannot decode them) gave `file:0: ..., at column 0`; no line is named now.
    @Test func bytesXMLParserCannotDecodeNameNoLineZero() throws {
        let found = try #require(Data(base64Encoded: "PAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/AAAAAABveAEBqG49PA=="))
        #expect(throws: StatementError(file: "z.xml", reason: .malformedXML("the XML is not well-formed (XMLParser error 6003)"))) {
            try CAMTStatementParser.parse(found, path: "z.xml")
        }
    }

    /// Found by fuzzing in a 10-minute run (camt-statement): zero bytes among the first four skipped
    /// the UTF-8 check as if the file were UTF-16, but libxml2 read `<\u{F9}\u{F9}\0` as UTF-8 and
    /// FoundationXML trapped as before. Only libxml2's own UTF-16/UTF-32 signatures skip it now.
    @Test func zeroBytesThatAreNotUTF16AreCheckedAsUTF8() throws {
        let found = try #require(Data(base64Encoded: "PPn5AAAAAAAAACD5+fn5+jU1+fm5+fn5NTU8NSJt"))
        #expect(throws: StatementError(file: "z.xml", line: 1, reason: .notUTF8)) { try CAMTStatementParser.parse(found, path: "z.xml") }
    }

    @Test func aDocumentDeclaredInAnotherEncodingIsReadAsDeclared() throws {
        let text = StatementFixtures.camt053(entries: StatementFixtures.entry(details: "<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>M\u{FC}ller</Nm></Dbtr></RltdPties></TxDtls></NtryDtls>"))
            .replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")
        let latin1 = try #require(text.data(using: .isoLatin1))
        let statement = try CAMTStatementParser.parse(latin1, path: "latin1.xml")
        #expect(statement.entries.first?.payerName == "M\u{FC}ller")
    }
}
