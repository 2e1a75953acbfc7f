import CustomerCenterBanking
import CustomerCenterModel
import CustomerCenterTestSupport
import Testing

@Suite struct CAMTStatementParserTests {
    let eur = Currency.eur

    func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    @Test func readsAGermanCamt053Version02() throws {
        let path = StatementFixtures.path("camt053-v02-sparkasse.xml")
        let statement = try StatementParser.read(path: path)
        #expect(statement.path == path)
        #expect(statement.format == .camt053)
        #expect(statement.messageVersion == "camt.053.001.02")
        #expect(statement.accountIBAN == "DE89370400440532013000")
        #expect(statement.currency == eur)
        #expect(statement.notBookedCount == 1)
        #expect(statement.entries.count == 6)
        #expect(statement.credits.count == 5)

        let entries = statement.entries
        // A single credit with a structured RF reference.
        #expect(entries[0] == StatementEntry(
            position: .init(entry: 1, line: 71), bankReference: "2026112800123456001", direction: .credit,
            amount: Money(minorUnits: 5000, currency: eur), bookingDate: date("2026-11-28"), valueDate: date("2026-11-28"),
            payerName: "Erika Mustermann", payerIBAN: "DE02120300000000202051", endToEndID: "INV-2026-0042",
            structuredReferences: ["RF18539007547034"], remittanceLines: [], accountIBAN: "DE89370400440532013000"))
        // The reference in two lower-case remittance lines; NOTPROVIDED is no end-to-end id.
        #expect(entries[1] == StatementEntry(
            position: .init(entry: 2, line: 147), bankReference: "2026112800123456002", direction: .credit,
            amount: Money(minorUnits: 11900, currency: eur), bookingDate: date("2026-11-28"), valueDate: date("2026-11-28"),
            payerName: "Max Müller", payerIBAN: "DE02500105170137075030", endToEndID: nil,
            structuredReferences: [], remittanceLines: ["Rechnung 2026-0043 Verwendungszweck: rf49 2024", "000123 Danke"],
            accountIBAN: "DE89370400440532013000"))
        #expect(entries[1].creditorReferences.map(\.value) == ["RF492024000123"])
        // No reference at all.
        #expect(entries[2].amount == Money(minorUnits: 2550, currency: eur))
        #expect(entries[2].valueDate == date("2026-11-27"))
        #expect(entries[2].payerName == "Jürgen Schäfer")
        #expect(entries[2].remittanceLines == ["Mitgliedsbeitrag November Schäfer & Söhne"])
        #expect(entries[2].creditorReferences.isEmpty)
        // The pending entry 4 is skipped but keeps its number; the debit has no details and no reference.
        #expect(entries[3] == StatementEntry(
            position: .init(entry: 5, line: 239), bankReference: nil, direction: .debit,
            amount: Money(minorUnits: 1290, currency: eur), bookingDate: date("2026-11-28"), valueDate: date("2026-11-30"),
            accountIBAN: "DE89370400440532013000"))
        #expect(entries[3].signedAmount.minorUnits == -1290)
    }

    @Test func splitsABatchEntryIntoItsTransactions() throws {
        let statement = try StatementParser.read(path: StatementFixtures.path("camt053-v02-sparkasse.xml"))
        let batch = Array(statement.entries.suffix(2))
        #expect(batch.map(\.position) == [.init(entry: 6, transaction: 1, line: 284), .init(entry: 6, transaction: 2, line: 317)])
        // The transaction's own AcctSvcrRef when it has one, else the entry's with its index.
        #expect(batch.map(\.bankReference) == ["2026112800123456005-A", "2026112800123456005/2"])
        #expect(batch.map(\.amount.minorUnits) == [18000, 12000])
        #expect(batch.map(\.payerName) == ["Anna Schmidt", "Björn Weber"])
        #expect(batch.map(\.payerIBAN) == ["DE02100500000054540402", "AT611904300234573201"])
        #expect(batch.map(\.endToEndID) == ["SAMMLER-0001", "SAMMLER-0002"])
        // "RF73INV2026" validates too, by chance (1 in 97): both are returned, the longest first, and
        // the ledger decides which is real.
        #expect(batch.map { $0.creditorReferences.map(\.value) } == [["RF485000056789012345"], ["RF73INV20260042", "RF73INV2026"]])
        #expect(batch.allSatisfy { $0.bookingDate == date("2026-11-28") && $0.direction == .credit })
    }

    @Test func readsVersion08WithTwoStatementBlocks() throws {
        let statement = try StatementParser.read(path: StatementFixtures.path("camt053-v08.xml"))
        #expect(statement.format == .camt053)
        #expect(statement.messageVersion == "camt.053.001.08")
        // Two accounts in one file: each entry keeps its own.
        #expect(statement.accountIBAN == nil)
        #expect(statement.currency == eur)
        #expect(statement.notBookedCount == 1)
        let entries = statement.entries
        #expect(entries.count == 5)

        // `Sts/Cd`, `BookgDt/DtTm`, `Dbtr/Pty/Nm`, `TxDtls/Amt`, a structured reference written with spaces.
        #expect(entries[0] == StatementEntry(
            position: .init(entry: 1, line: 35), bankReference: "20261130-CB-000871", direction: .credit,
            amount: Money(minorUnits: 7500, currency: eur), bookingDate: date("2026-11-30"), valueDate: date("2026-11-30"),
            payerName: "Clara Fischer", payerIBAN: "DE02120300000000202051", endToEndID: "E2E-7781",
            structuredReferences: ["RF39 K100 001"], remittanceLines: ["Kundennummer K100001"],
            accountIBAN: "DE89370400440532013000"))
        #expect(entries[0].creditorReferences.map(\.value) == ["RF39K100001"])

        // A reversal: a debit giving back an earlier credit; no payer for debits.
        #expect(entries[1].direction == .debit)
        #expect(entries[1].isReversal)
        #expect(entries[1].amount.minorUnits == 5000)
        #expect(entries[1].valueDate == date("2026-11-28"))
        #expect(entries[1].payerName == nil)
        #expect(entries[1].endToEndID == "INV-2026-0042")

        // Entry 3 is INFO; entry 4 a batch without transaction references.
        #expect(entries[2].position == .init(entry: 4, transaction: 1, line: 169))
        #expect(entries[2].bankReference == "20261130-CB-000873/1")
        #expect(entries[3].bankReference == "20261130-CB-000873/2")
        #expect(entries[2].amount.minorUnits == 4000)
        #expect(entries[3].amount.minorUnits == 6000)
        #expect(entries[2].bookingDate == date("2026-11-30"))
        #expect(entries[2].payerName == "Greta Wagner")
        #expect(entries[3].payerName == "Lea Hartmann")
        #expect(entries[2].creditorReferences.map(\.value) == ["RF661234567"])
        #expect(entries[3].creditorReferences.map(\.value) == ["RF15100001R3"])

        // The second statement block, another account; entry numbers run on through the file.
        #expect(entries[4].position == .init(entry: 5, line: 214))
        #expect(entries[4].accountIBAN == "DE02100500000054540402")
        #expect(entries[4].amount.minorUnits == 1999)
        #expect(entries[4].valueDate == nil)
        #expect(entries[4].creditorReferences.map(\.value) == ["RF302026112800042"])
    }

    @Test func readsACamt054NotificationWithNamespacePrefixes() throws {
        let statement = try StatementParser.read(path: StatementFixtures.path("camt054-v02.xml"))
        #expect(statement.format == .camt054)
        #expect(statement.messageVersion == "camt.054.001.02")
        // Both blocks name the same account (once with spaces); only the first gives the currency.
        #expect(statement.accountIBAN == "DE89370400440532013000")
        #expect(statement.currency == eur)
        #expect(statement.entries.count == 2)
        let first = statement.entries[0]
        #expect(first.position == .init(entry: 1, line: 17))
        #expect(first.bankReference == "N-20261201-44001")
        #expect(first.amount.minorUnits == 25000)
        #expect(first.bookingDate == date("2026-12-01"))
        #expect(first.payerName == "Hannah Becker")
        #expect(first.endToEndID == "ABO-2026-12")
        #expect(first.creditorReferences.map(\.value) == ["RF13A7X9Q2"])
        let second = statement.entries[1]
        #expect(second.position == .init(entry: 2, line: 58))
        #expect(second.amount.minorUnits == 123_456)
        #expect(second.payerName == "Lukas Hoffmann & Partner")
        #expect(second.creditorReferences.map(\.value) == ["RF302026112800042"])
    }
}
