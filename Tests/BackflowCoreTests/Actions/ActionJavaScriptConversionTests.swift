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

    @Test func numbersFrom1eMinus6UpTo1e21AreWrittenInPlainDigits() {
        #expect(JSONWriter.formatNumber(1e20) == "100000000000000000000")
        #expect(JSONWriter.formatNumber(9.3e18) == "9300000000000000000")
        #expect(JSONWriter.formatNumber(2.5e-5) == "0.000025")
        #expect(JSONWriter.formatNumber(-1e-6) == "-0.000001")
        #expect(JSONWriter.formatNumber(1.5e300 / 1e300) == "1.5")
    }

    @Test func numbersOutsidePlainRangeUseJavaScriptsExponentForm() {
        #expect(JSONWriter.formatNumber(1e21) == "1e+21")
        #expect(JSONWriter.formatNumber(1.5e-7) == "1.5e-7")
        #expect(JSONWriter.formatNumber(.leastNonzeroMagnitude) == "5e-324")
        #expect(JSONWriter.formatNumber(-1.7976931348623157e308) == "-1.7976931348623157e+308")
    }

    @Test func wholeNumbersBeyond2To53KeepOnlyTheirShortestDigits() {
        // JavaScript writes 2^60 as 1152921504606847000, not its exact 1152921504606846976.
        #expect(JSONWriter.formatNumber(1_152_921_504_606_846_976) == "1152921504606847000")
        #expect(JSONWriter.formatNumber(-0.0) == "0")
    }

    @Test func nonFiniteNumbersAreNullInJSONAndSpelledOutAsText() {
        #expect(JSONWriter.formatNumber(.infinity) == "null")
        #expect(JavaScriptConversions.string(from: .infinity) == "Infinity")
        #expect(JavaScriptConversions.string(from: -.infinity) == "-Infinity")
        #expect(ResolvedValue.json(.number(-.infinity)).javaScriptString == "-Infinity")
    }

    @Test func nextLineIsNotJavaScriptWhitespace() {
        #expect("\u{85}x\u{85}".trimmingJavaScriptWhitespace() == "\u{85}x\u{85}")
        #expect(" \u{FEFF}\u{2028}x\u{3000}\t".trimmingJavaScriptWhitespace() == "x")
        #expect(JavaScriptConversions.number(from: "\u{85}12") == nil)
        #expect(JavaScriptConversions.number(from: "\u{A0}12\n") == 12)
    }

    @Test func lowercasingEndsAWordsSigmaWithFinalSigma() {
        #expect("ΟΔΥΣΣΕΥΣ".javaScriptLowercased() == "οδυσσευς")
        #expect("ΣΑ Σ".javaScriptLowercased() == "σα σ")
        // A full stop is case-ignorable, so the letter after it still follows the sigma; a comma is not.
        #expect("AΣ.b".javaScriptLowercased() == "aσ.b")
        #expect("AΣ, b".javaScriptLowercased() == "aς, b")
        #expect("İ".javaScriptLowercased() == "i\u{307}")
    }

    @Test func objectsPutArrayIndexKeysFirstWhereverTheyAreBuilt() {
        let object = JSONObject([("b", 1), ("10", 2), ("2", 3), ("01", 4), ("4294967295", 5)])
        #expect(object.keys == ["2", "10", "b", "01", "4294967295"])
        var resolved = ResolvedObject()
        for key in ["z", "7", "a", "3"] { resolved.set(key, .undefined) }
        #expect(resolved.keys == ["3", "7", "z", "a"])
    }

    @Test func objectsDecodedByJSONKeepJavaScriptsKeyOrderWhenEncodedAgain() throws {
        let mapping = #"{"@json": {"mode": "encode", "value": {"@json": {"mode": "decode", "value": {"@path": "$.t"}}}}}"#
        let event = #"{"t": "{\"b\":{\"y\":1,\"5\":2},\"1\":0}"}"#
        #expect(try resolve(mapping, event) == .string(#"{"1":0,"b":{"5":2,"y":1}}"#))
    }

    @Test func aOneElementArrayIsNotUnwrappedForConsent() {
        let payload: JSONObject = ["user_id": "u1", "consent": [["categoryPreferences": ["ads": true]]]]
        #expect(failure(.connections, "sendIdentify", payload)?.message == "Consent must be an object but it was an array.")
    }

    @Test func aNonFiniteNumberIsNotANumberForANumberField() {
        let payload: JSONObject = ["user_id": "u1", "screen": ["height": .number(.infinity)]]
        #expect(failure(.connections, "sendIdentify", payload)?.message == "Height must be a number but it was a number.")
    }
}
