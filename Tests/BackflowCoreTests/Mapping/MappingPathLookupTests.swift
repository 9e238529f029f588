import Testing
@testable import BackflowCore

@Suite struct MappingPathLookupTests {
    @Test func splitsOnDotsAndBracketedIndices() {
        #expect(PathLookup.components(of: "a.b[0].c") == ["a", "b", "0", "c"])
    }

    @Test func removesQuotesFromBracketedKeys() {
        #expect(PathLookup.components(of: "a['b']") == ["a", "b"])
        #expect(PathLookup.components(of: #"a["b c"].d"#) == ["a", "b c", "d"])
    }

    @Test func keepsBracketsWithoutQuoteOrDigitInTheKey() {
        #expect(PathLookup.components(of: "a[b]") == ["a[b]"])
    }

    @Test func dropsEmptyPieces() {
        #expect(PathLookup.components(of: "a..b") == ["a", "b"])
        #expect(PathLookup.components(of: "a[0]]].b") == ["a", "0", "b"])
    }

    @Test(arguments: [
        ("a]b", ["a]b"]), ("x]]]", ["x]]]"]), ("a.[0]", ["a", "0"]), ("'a'.b", ["a", "b"]),
        (#"a["x.y"]"#, ["a", "x", "y"]), ("a[1]b", ["a", "1", "b"]), ("0]]a", ["0", "a"]), ("[[0]]", ["[", "0"]),
    ])
    func splitsOddPathsAsJavaScriptDoes(path: String, expected: [String]) {
        #expect(PathLookup.components(of: path) == expected)
    }

    @Test func keysMayContainSpaces() {
        let event = json(#"{"integrations":{"Actions Amplitude":{"session_id":"bar"}}}"#)
        #expect(PathLookup.get(event, path: "integrations.Actions Amplitude.session_id") == "bar")
    }

    @Test func emptyPathAndDotAreTheRoot() {
        let event = json(#"{"a":1}"#)
        #expect(PathLookup.get(event, path: "") == event)
        #expect(PathLookup.get(event, path: ".") == event)
    }

    @Test func dollarAloneIsAnOrdinaryKey() {
        #expect(PathLookup.get(json(#"{"$":7,"a":1}"#), path: "$") == 7)
    }

    @Test func missingKeyIsUndefined() {
        #expect(PathLookup.get(json(#"{"a":{}}"#), path: "a.b") == nil)
        #expect(PathLookup.get(json(#"{"a":{}}"#), path: "x.y.z") == nil)
    }

    @Test func returnsAFalsyIntermediateValueInsteadOfUndefined() {
        #expect(PathLookup.get(json(#"{"a":null}"#), path: "a.b") == .null)
        #expect(PathLookup.get(json(#"{"a":0}"#), path: "a.b") == 0)
        #expect(PathLookup.get(json(#"{"a":""}"#), path: "a.b") == "")
        #expect(PathLookup.get(json(#"{"a":false}"#), path: "a.b.c") == false)
    }

    @Test func truthyScalarIntermediateGivesUndefined() {
        #expect(PathLookup.get(json(#"{"a":"bar"}"#), path: "a.b.c") == nil)
        #expect(PathLookup.get(json(#"{"a":5}"#), path: "a.b") == nil)
    }

    @Test func lengthOfStringsAndArrays() {
        let event = json(#"{"s":"héllo","e":"😀","l":[1,2,3]}"#)
        #expect(PathLookup.get(event, path: "s.length") == 5)
        #expect(PathLookup.get(event, path: "e.length") == 2)
        #expect(PathLookup.get(event, path: "l.length") == 3)
    }

    @Test func numericKeysIndexArraysAndStrings() {
        let event = json(#"{"l":[{"c":"x"},"y"],"s":"abc"}"#)
        #expect(PathLookup.get(event, path: "l[0].c") == "x")
        #expect(PathLookup.get(event, path: "l.1") == "y")
        #expect(PathLookup.get(event, path: "l.2") == nil)
        #expect(PathLookup.get(event, path: "l.01") == nil)
        #expect(PathLookup.get(event, path: "s.0") == "a")
        #expect(PathLookup.get(event, path: "s[2]") == "c")
    }

    @Test func stripsOnlyTheFirstDollarDotWhereverItIs() {
        #expect(PathLookup.stripRootPrefix("$.a.b") == "a.b")
        #expect(PathLookup.stripRootPrefix("a.$.b.$.c") == "a.b.$.c")
        #expect(PathLookup.stripRootPrefix("$.") == "")
        #expect(PathLookup.stripRootPrefix("$") == "$")
    }
}
