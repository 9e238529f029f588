import Testing
@testable import BackflowCore

@Suite struct ActionJavaScriptConversionTests {
    @Test func readsNumbersAsJavaScriptsNumberFunction() {
        #expect(JavaScriptConversions.number(from: " 12 ") == 12)
        #expect(JavaScriptConversions.number(from: "1e3") == 1000)
        #expect(JavaScriptConversions.number(from: ".5") == 0.5)
        #expect(JavaScriptConversions.number(from: "0x10") == 16)
        #expect(JavaScriptConversions.number(from: "-Infinity") == -.infinity)
        #expect(JavaScriptConversions.number(from: "12px") == nil)
        #expect(JavaScriptConversions.number(from: "-0x10") == nil)
        #expect(JavaScriptConversions.number(from: "inf") == nil)
    }

    @Test func writesValuesAsJavaScriptsStringFunction() {
        #expect(JavaScriptConversions.string(from: 1.5) == "1.5")
        #expect(JavaScriptConversions.string(from: .nan) == "NaN")
        #expect(JavaScriptConversions.string(from: ["a", nil, 2]) == "a,,2")
        #expect(JavaScriptConversions.string(from: ["k": 1]) == "[object Object]")
    }

    @Test func spreadCopyPutsArrayIndexKeysFirst() {
        let traits: JSONValue = .object(JSONObject([("b", 1), ("10", 2), ("2", 3), ("01", 4)]))
        #expect(MessageObjectBuilder.shallowCopy(traits).keys == ["2", "10", "b", "01"])
    }

    @Test func whitespacePaddedNumericTextCoercesToANumber() {
        let payload: JSONObject = ["user_id": "u1", "screen": ["width": " 390 "]]
        #expect(messageValue(.connections, "sendIdentify", payload, at: "context", "screen") == ["width": 390])
    }
}
