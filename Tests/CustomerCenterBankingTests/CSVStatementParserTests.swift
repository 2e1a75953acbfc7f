import CustomerCenterBanking
import CustomerCenterModel
import CustomerCenterTestSupport
import Foundation
import Testing

@Suite struct CSVStatementParserTests {
    let folder = TemporaryFolder("csv")
    let eur = Currency.eur
    let header = "booking_date,value_date,amount,currency,payer_name,payer_iban,reference,remittance,bank_reference"

    func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    /// The error reading `text` as `statement.csv`.
    func error(_ text: String) -> StatementError? {
        StatementFixtures.error(reading: text, named: "statement.csv", in: folder)
    }

    @Test func readsGermanSemicolonCSVWithDecimalCommas() throws {
        // BOM, CRLF, quoted fields with `;`, doubled quotes and a line break, a blank row, DD.MM.YYYY.
        let path = StatementFixtures.path("statement-semicolon.csv")
        let statement = try StatementParser.read(path: path)
        #expect(statement.format == .csv)
        #expect(statement.accountIBAN == nil)
        #expect(statement.currency == nil)
        #expect(statement.notBookedCount == 0)
        #expect(statement.entries == [
            StatementEntry(position: .init(entry: 1, line: 2), bankReference: "CSV-0001", direction: .credit,
                           amount: Money(minorUnits: 5000, currency: eur), bookingDate: date("2026-11-28"),
                           valueDate: date("2026-11-28"), payerName: "Erika Mustermann", payerIBAN: "DE02120300000000202051",
                           structuredReferences: ["RF18 5390 0754 7034"], remittanceLines: ["Rechnung 2026-0042"]),
            StatementEntry(position: .init(entry: 2, line: 3), bankReference: "CSV-0002", direction: .credit,
                           amount: Money(minorUnits: 123_456, currency: eur), bookingDate: date("2026-11-28"),
                           valueDate: date("2026-11-29"), payerName: "Meier & Söhne; Handel", payerIBAN: "DE02500105170137075030",
                           remittanceLines: ["Verwendungszweck: rf49 2024", "000123 \"Danke\""]),
            StatementEntry(position: .init(entry: 3, line: 5), bankReference: "CSV-0003", direction: .debit,
                           amount: Money(minorUnits: 1290, currency: eur), bookingDate: date("2026-11-28"),
                           payerName: "Sparkasse", remittanceLines: ["Kontoführung"]),
            StatementEntry(position: .init(entry: 4, line: 7), bankReference: "CSV-0004", direction: .credit,
                           amount: Money(minorUnits: 700, currency: eur), bookingDate: date("2026-11-30"),
                           valueDate: date("2026-11-30"), payerName: "Zoe Krause", remittanceLines: ["Spende"]),
        ])
        #expect(statement.entries.map { $0.creditorReferences.map(\.value) } == [["RF18539007547034"], ["RF492024000123"], [], []])
    }

    @Test func readsCommaCSVWithDecimalPoints() throws {
        let statement = try StatementParser.read(path: StatementFixtures.path("statement-comma.csv"))
        #expect(statement.entries.count == 3)
        let first = statement.entries[0]
        #expect(first.payerName == "Müller, Max")
        #expect(first.amount == Money(minorUnits: 11900, currency: eur))
        #expect(first.remittanceLines == ["Invoice RF73 INV2 0260 042, thanks"])
        #expect(first.creditorReferences.first?.value == "RF73INV20260042")
        #expect(first.bankReference == "BANK-2026-12-01-001")
        let fee = statement.entries[1]
        #expect(fee.direction == .debit)
        #expect(fee.signedAmount == Money(minorUnits: -450, currency: eur))
        #expect(fee.payerIBAN == nil)
        #expect(fee.remittanceLines.isEmpty)
        let yen = statement.entries[2]
        #expect(yen.amount == Money(minorUnits: 1500, currency: Currency(code: "JPY")!))
        #expect(yen.valueDate == nil)
        #expect(yen.structuredReferences == ["RF661234567"])
        #expect(yen.position == .init(entry: 3, line: 4))
    }

    @Test func aRowWithTheWrongNumberOfFieldsNamesItsLine() throws {
        let path = StatementFixtures.path("malformed-columns.csv")
        let error = try #require(throws: StatementError.self) { try StatementParser.read(path: path) }
        #expect(error == StatementError(file: path, line: 3, reason: .fieldCount(got: 10, expected: 9)))
        #expect(error.description == "\(path):3: the row has 10 fields, the header has 9")
    }

    @Test func columnsMayComeInAnyOrderAndOptionalOnesMayBeLeftOut() throws {
        let statement = try StatementFixtures.read("""
            Bank_Reference;Currency;Amount;Booking_Date;;Remittance
            B-1;EUR;0,5;2026-12-03;ignored;RF18 5390
            B-2;EUR;+3;2026-12-03;;""
            B-3;EUR;12,340;2026-12-03;;
            """ + "\n", named: "statement.csv", in: folder)
        #expect(statement.entries.map(\.bankReference) == ["B-1", "B-2", "B-3"])
        // Trailing zeros beyond the currency's digits change nothing.
        #expect(statement.entries.map(\.amount.minorUnits) == [50, 300, 1234])
        #expect(statement.entries[0].remittanceLines == ["RF18 5390"])
        #expect(statement.entries[1].remittanceLines == [])
        #expect(statement.entries[0].payerName == nil)
    }

    @Test func aHeaderAloneIsAnEmptyStatement() throws {
        let statement = try StatementFixtures.read(header + "\n", named: "statement.csv", in: folder)
        #expect(statement.entries.isEmpty)
    }

    @Test func headerProblems() throws {
        let unknown = try #require(error("booking_date,amount,currency,bank_reference,betrag\n"))
        #expect(unknown.line == 1)
        #expect(unknown.field == "betrag")
        #expect(unknown.reason == .unknownColumn("betrag"))
        #expect(unknown.description.hasSuffix("statement.csv:1: betrag: unknown column \"betrag\"; the columns are "
            + "booking_date,value_date,amount,currency,payer_name,payer_iban,reference,remittance,bank_reference"))
        #expect(error("booking_date,amount,currency,bank_reference,Amount\n")?.reason == .duplicateColumn("amount"))
        let missing = try #require(error("booking_date,amount,currency\n2026-12-01,1,EUR\n"))
        #expect(missing.reason == .missingColumn("bank_reference"))
        #expect(missing.description.hasSuffix("statement.csv:1: the header has no column \"bank_reference\""))
    }

    @Test func quotingProblemsNameLineAndColumn() throws {
        let unterminated = try #require(error(header + "\n2026-12-01,,1.00,EUR,Max,,,\"Rechnung\n42,B-1\n"))
        #expect(unterminated.line == 2)
        #expect(unterminated.field == "remittance")
        #expect(unterminated.reason == .unterminatedQuote)
        #expect(unterminated.description.hasSuffix("statement.csv:2: remittance: a quoted field starts here and is never closed"))

        let stray = try #require(error(header + "\n2026-12-01,,1.00,EUR,Max \"Maxi\" M,,,,B-1\n"))
        #expect(stray == StatementError(file: folder.file("statement.csv"), line: 2, field: "payer_name", reason: .strayQuote))
        let afterQuote = try #require(error(header + "\n2026-12-01,,1.00,EUR,\"Max\"imilian,,,,B-1\n"))
        #expect(afterQuote.field == "payer_name")
        #expect(afterQuote.reason == .strayQuote)
        // Past the header's columns, the field is numbered.
        let beyond = try #require(error("booking_date,amount,currency,bank_reference\n2026-12-01,1,EUR,B-1,x\"y\n"))
        #expect(beyond.field == "field 5")
    }

    @Test func valueProblemsNameLineAndColumn() throws {
        func row(_ amount: String = "1.00", currency: String = "EUR", date: String = "2026-12-01", reference: String = "B-1") -> String {
            header + "\n\(date),,\(amount),\(currency),Max,,,,\(reference)\n"
        }
        let thousands = try #require(error(row("\"1.234,56\"")))
        #expect(thousands == StatementError(file: folder.file("statement.csv"), line: 2, field: "amount", reason: .invalidAmount(
            "1.234,56", currency: "EUR", why: "use no thousands separator: write 1234.56 or 1234,56")))
        #expect(thousands.description.hasSuffix("statement.csv:2: amount: \"1.234,56\" is not an amount in EUR: "
            + "use no thousands separator: write 1234.56 or 1234,56"))
        #expect(error(row("\"12,345\""))?.reason == .invalidAmount("12,345", currency: "EUR", why: "EUR has 2 decimal places, the amount has 3"))
        #expect(error(row("12 EUR"))?.reason
            == .invalidAmount("12 EUR", currency: "EUR", why: "write it like 1234.56 or 1234,56, negative for a debit"))
        #expect(error(row(""))?.reason == .missing("the amount"))
        #expect(error(row(currency: "Euro"))?.reason == .invalidCurrency("Euro"))
        #expect(error(row(currency: ""))?.reason == .missing("the currency"))
        #expect(error(row(date: "2026-13-01"))?.reason == .invalidDate("2026-13-01"))
        #expect(error(row(date: "1.12.2026"))?.reason == .invalidDate("1.12.2026"))
        #expect(error(row(date: ""))?.reason == .missing("the booking date"))
        let noReference = try #require(error(row(reference: " ")))
        #expect(noReference == StatementError(file: folder.file("statement.csv"), line: 2, field: "bank_reference",
                                              reason: .missing("the bank reference")))
        #expect(noReference.description.hasSuffix("statement.csv:2: bank_reference: the bank reference is missing"))
    }

    @Test func textThatIsNotUTF8NamesItsLine() throws {
        var bytes = Array((header + "\n2026-12-01,,1.00,EUR,M").utf8)
        bytes += [0xFC] // "ü" in Latin-1, as old exports write it
        bytes += Array("ller,,,,B-1\n".utf8)
        let path = folder.file("latin1.csv")
        try #require(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let error = try #require(throws: StatementError.self) { try StatementParser.read(path: path) }
        #expect(error == StatementError(file: path, line: 2, reason: .notUTF8))
    }
}
