import CustomerCenterJSON
import Foundation
import Testing

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws(JSONParseError) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func readsEveryKindOfValueAndKeepsNumbersExact() throws {
        let value = try parse(#" {"a": [1, -0, 2.50, 1e3, true, false, null], "b": {"c": "d\u00e9\ud83d\ude00\n"}, "big": 9007199254740993} "#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["a", "b", "big"])
        #expect(object["a"] == .array([.number("1"), .number("-0"), .number("2.50"), .number("1e3"), .bool(true), .bool(false), .null]))
        #expect(object["b"]?.objectValue?["c"] == .string("dé😀\n"))
        // Beyond a Double's 53 bits, still exact.
        #expect(object["big"]?.integerValue == 9_007_199_254_740_993)
        #expect(JSONValue.number("2.50").integerValue == nil)
        #expect(JSONValue.number("99999999999999999999").integerValue == nil)
    }

    @Test func refusesADuplicateKeyNamingIt() {
        #expect(throws: JSONParseError(offset: 16, reason: #"duplicate key "amount""#)) {
            try parse(#"{"amount":"abc","amount":"1.00"}"#)
        }
        // Escapes are compared after decoding: "\u0061" is "a".
        #expect(throws: JSONParseError.self) { try parse(#"{"a":1,"\u0061":2}"#) }
        #expect(throws: JSONParseError.self) { try parse(#"{"x":{"a":1,"a":1}}"#) }
        #expect(throws: Never.self) { try parse(#"{"x":{"a":1},"y":{"a":1}}"#) }
    }

    @Test func refusesWhatRFC8259Refuses() {
        for text in ["", " ", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "1e", "+1", "tru", "nul", "\"a", "\"\\x\"",
                     "\"\u{01}\"", "{\"a\" 1}", "{1:2}", "[1 2]", "1 2", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "NaN",
                     "'a'", "[\"\\u12\"]"] {
            #expect(throws: JSONParseError.self, "\(text.debugDescription)") { try parse(text) }
        }
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }  // not UTF-8
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xC3, 0x22]) }  // truncated sequence
    }

    @Test func boundsNesting() throws {
        let deep = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(throws: Never.self) { try parse(deep) }
        let deeper = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError.self) { try parse(deeper) }
        let objects = String(repeating: "{\"a\":", count: 100_000)
        #expect(throws: JSONParseError.self) { try parse(objects) }
    }

    /// Agrees with Foundation on what both accept.
    @Test func agreesWithJSONSerializationOnValidDocuments() throws {
        let text = #"{"id":"evt_1","n":[1,2,{"x":"\"\\\/\b\f\n\r\t"}],"ok":true,"none":null}"#
        let ours = try parse(text)
        let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(ours.objectValue?["id"]?.stringValue == theirs?["id"] as? String)
        let inner = ours.objectValue?["n"]?.arrayValue?[2].objectValue?["x"]?.stringValue
        #expect(inner == ((theirs?["n"] as? [Any])?[2] as? [String: Any])?["x"] as? String)
    }
}
