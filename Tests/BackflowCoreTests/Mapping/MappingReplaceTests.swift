import Testing
@testable import BackflowCore

@Suite struct MappingReplaceTests {
    func replace(_ options: String, value: String) throws -> JSONValue? {
        try resolve(#"{"@replace":{\#(options),"value":{"@path":"$.v"}}}"#, #"{"v":\#(value)}"#)
    }

    @Test func caseSensitiveByDefault() throws {
        #expect(try replace(#""pattern":"WW","replacement":"oo""#, value: #""cWWl-story-ww""#) == "cool-story-ww")
    }

    @Test func ignoreCaseReplacesEveryCasing() throws {
        #expect(try replace(#""pattern":"AaB","replacement":"nice","ignorecase":true"#, value: #""aab-----AaB---aab""#)
            == "nice-----nice---nice")
    }

    @Test func ignoreCaseWorksBeyondASCII() throws {
        #expect(try replace(#""pattern":"ÉTÉ","replacement":"x","ignorecase":true"#, value: #""été Été""#) == "x x")
    }

    @Test func globalFalseReplacesOnlyTheFirst() throws {
        #expect(try replace(#""pattern":"+","replacement":"_","global":false"#, value: #""many+different+things""#)
            == "many_different+things")
        #expect(try replace(#""pattern":"+","replacement":"_""#, value: #""many+different+things""#) == "many_different_things")
    }

    @Test func patternIsLiteralNotARegularExpression() throws {
        #expect(try replace(#""pattern":".*","replacement":"!""#, value: #""a.*b.c""#) == "a!b.c")
    }

    @Test func missingReplacementRemovesThePattern() throws {
        #expect(try replace(#""pattern":"_""#, value: #""no_more_underscore""#) == "nomoreunderscore")
    }

    @Test func secondPairAppliesToTheFirstResult() throws {
        let options = #""pattern":"true","replacement":"granted","pattern2":"false","replacement2":"denied""#
        #expect(try replace(options, value: "false") == "denied")
        #expect(try replace(options, value: "true") == "granted")
    }

    @Test func numbersAreReplacedAsText() throws {
        #expect(try replace(#""pattern":"1","replacement":"one""#, value: "1") == "one")
    }

    @Test func emptyStringStaysEmpty() throws {
        #expect(try replace(#""pattern":"_","replacement":"rrrrr""#, value: #""""#) == "")
    }

    @Test func missingOrNullValueGivesEmptyStringNotUndefined() throws {
        #expect(try resolve(#"{"@replace":{"pattern":"a","value":{"@path":"$.missing"}}}"#) == "")
        #expect(try replace(#""pattern":"a""#, value: "null") == "")
    }

    @Test func replacementFollowsJavaScriptDollarRules() throws {
        #expect(try replace(#""pattern":"b","replacement":"[$&]""#, value: #""abc""#) == "a[b]c")
        #expect(try replace(#""pattern":"b","replacement":"$$""#, value: #""abc""#) == "a$c")
        #expect(try replace(#""pattern":"b","replacement":"<$`>""#, value: #""abc""#) == "a<a>c")
        #expect(try replace(#""pattern":"b","replacement":"<$'>""#, value: #""abc""#) == "a<c>c")
        #expect(try replace(#""pattern":"b","replacement":"$1$""#, value: #""abc""#) == "a$1$c")
    }

    @Test func secondPatternLongerThanTenIsARuntimeError() {
        let mapping = #"{"@replace":{"pattern":"a","pattern2":"abcdefghijk","value":"a"}}"#
        #expect(runtimeError(mapping) == #"@replace requires a "pattern" less than 10 characters"#)
    }

    @Test func secondReplacementLongerThanTenIsARuntimeError() {
        let mapping = #"{"@replace":{"pattern":"a","pattern2":"b","replacement2":"abcdefghijk","value":"a"}}"#
        #expect(runtimeError(mapping) == #"@replace requires a "replacement" less than 10 characters"#)
    }

    @Test func patternOfExactlyTenIsAllowed() throws {
        #expect(try resolve(#"{"@replace":{"pattern":"abcdefghij","replacement":"x","value":"-abcdefghij-"}}"#) == "-x-")
    }
}
