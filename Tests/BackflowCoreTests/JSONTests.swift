import Testing
@testable import BackflowCore

@Suite struct JSONTests {
    @Test func keepsObjectKeyOrderThroughAParseAndWrite() throws {
        let text = #"{"b":1,"a":[true,null,"x"],"c":{"z":1.5,"y":-2}}"#
        #expect(JSONWriter.compact(try JSONReader.parse(text)) == text)
    }

    @Test func writesNumbersAsJavaScriptDoes() {
        #expect(JSONWriter.formatNumber(1) == "1")
        #expect(JSONWriter.formatNumber(0.1 + 0.2) == "0.30000000000000004")
        #expect(JSONWriter.formatNumber(1e21) == "1e+21")
        #expect(JSONWriter.formatNumber(1e-7) == "1e-7")
        #expect(JSONWriter.formatNumber(-0.5) == "-0.5")
        #expect(JSONWriter.formatNumber(.nan) == "null")
    }

    @Test func keepsLargeIntegersExact() throws {
        #expect(try JSONReader.parse("9007199254740993") == .integer(9_007_199_254_740_993))
        #expect(JSONWriter.compact(.integer(9_007_199_254_740_993)) == "9007199254740993")
    }

    @Test func escapesStringsAsJSONStringify() throws {
        #expect(JSONWriter.compact("a\"b\\c\n\u{01}é/") == #""a\"b\\c\n\u0001é/""#)
        #expect(try JSONReader.parse(#""\ud83d\ude00 \u00e9""#) == "😀 é")
    }

    @Test func readsIntegersExactlyWhateverTheirLength() throws {
        #expect(try JSONReader.parse("-0") == .integer(0))
        #expect(try JSONReader.parse("999999999999999999") == .integer(999_999_999_999_999_999))
        #expect(try JSONReader.parse("-9223372036854775808") == .integer(.min))
        #expect(try JSONReader.parse("9223372036854775808") == .number(9_223_372_036_854_775_808))
    }

    @Test func decodesEscapesBetweenRawText() throws {
        #expect(try JSONReader.parse(#""a\tb\u00e9c\/\"""#) == "a\tbéc/\"")
        #expect(try JSONReader.parse(bytes: [0x22, 0xE2, 0x82, 0x5C, 0x6E, 0x22]) == "\u{FFFD}\n")
        #expect(throws: JSONParseError(offset: 4, reason: "invalid escape in string")) { try JSONReader.parse(#""a\x""#) }
    }

    @Test func prettyPrintsWithTwoSpaces() {
        let value: JSONValue = ["a": [1, 2], "b": [:]]
        #expect(JSONWriter.pretty(value) == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}")
    }

    @Test func rejectsMalformedTextWithAnOffset() {
        #expect(throws: JSONParseError.self) { try JSONReader.parse(#"{"a":}"#) }
        #expect(throws: JSONParseError.self) { try JSONReader.parse("[1,2") }
        #expect(throws: JSONParseError.self) { try JSONReader.parse("1 2") }
    }

    @Test func integersAndDoublesCompareNumerically() {
        #expect(JSONValue.integer(2) == JSONValue.number(2.0))
        #expect(Set<JSONValue>([.integer(2), .number(2.0)]).count == 1)
    }
}
