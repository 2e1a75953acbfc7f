import CustomerCenterRender
import Testing

@Suite struct CSVTests {
    /// A quote or comma followed by a combining mark is one Swift `Character`, but a quote or comma to
    /// every CSV reader: it is quoted and doubled all the same.
    @Test func quotesAndCommasWithCombiningMarksAreQuoted() {
        #expect(CSV.field("plain") == "plain")
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.field("x\"\u{301}y") == "\"x\"\"\u{301}y\"")
        #expect(CSV.field("x,\u{301}y") == "\"x,\u{301}y\"")
        #expect(CSV.row(["1", "a\r\nb"]) == "1,\"a\r\nb\"\r\n")
    }
}
