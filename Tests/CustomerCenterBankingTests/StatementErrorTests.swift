import CustomerCenterBanking
import Testing

@Suite struct StatementErrorTests {
    @Test func describesWhereAsPreciselyAsKnown() {
        #expect(StatementError(file: "a.xml", reason: .empty).description == "a.xml: the file is empty")
        #expect(StatementError(file: "a.xml", line: 7, reason: .malformedXML("x")).description == "a.xml:7: malformed XML: x")
        #expect(StatementError(file: "a.xml", line: 7, entry: 2, field: "Amt", reason: .missing("the amount (Amt)")).description
            == "a.xml:7: entry 2: Amt: the amount (Amt) is missing")
        #expect(StatementError(file: "a.xml", line: 9, entry: 2, transaction: 3, reason: .missingBankReference).description
            .hasPrefix("a.xml:9: entry 2, transaction 3: the credit has no bank reference"))
        #expect(StatementError(file: "b.csv", line: 4, field: "amount", reason: .strayQuote).description
            == "b.csv:4: amount: a quote inside an unquoted field or after a closing quote; quote the whole field and double inner quotes")
    }

    @Test func everyReasonReadsAsAPhrase() {
        let expected: [(StatementError.Reason, String)] = [
            (.unreadable("no such file"), "cannot be read: no such file"),
            (.notUTF8, "the text is not UTF-8; export or save the file as UTF-8"),
            (.invalidAmount("1,5,0", currency: "EUR", why: "no"), "\"1,5,0\" is not an amount in EUR: no"),
            (.invalidCurrency("EURO"), "\"EURO\" is not an ISO 4217 currency code"),
            (.invalidDate("2026-02-30"), "\"2026-02-30\" is not a date (YYYY-MM-DD, or DD.MM.YYYY in CSV)"),
            (.invalidIndicator("CRED"), "\"CRED\" is neither CRDT (credit) nor DBIT (debit)"),
            (.fieldCount(got: 8, expected: 9), "the row has 8 fields, the header has 9"),
            (.duplicateColumn("amount"), "column \"amount\" appears twice"),
            (.missingColumn("currency"), "the header has no column \"currency\""),
        ]
        for (reason, text) in expected {
            #expect(reason.description == text)
        }
    }

    @Test func positionsReadTheSameWay() {
        #expect(StatementEntry.Position(entry: 3, line: 45).description == "entry 3 (line 45)")
        #expect(StatementEntry.Position(entry: 6, transaction: 2, line: 317).description == "entry 6, transaction 2 (line 317)")
    }
}
