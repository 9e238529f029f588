import Testing
@testable import BackflowCore

/// The messages of Segment's `schema-fixtures/invalid` set, and the other structural errors.
@Suite struct MappingValidatorTests {
    @Test func wellFormedMappingsHaveNoIssues() {
        #expect(issues(#"{"a":1,"b":{"@path":"$.foo.bar"},"c":[{"@oops":1}],"d":{"@literal":false}}"#).isEmpty)
        #expect(issues(#"{"@if":{"exists":{"@path":"$.a"},"then":{"@template":"{{a}}"}}}"#).isEmpty)
        #expect(issues(#"{"@replace":{"pattern":"a","value":"x","ignorecase":true}}"#).isEmpty)
        #expect(issues(#""neat""#).isEmpty)
    }

    @Test func arrayPathMustBeAnArray() {
        #expect(issues(#"{"@arrayPath":"$.products"}"#) == ["/@arrayPath should be an array but it is a string."])
    }

    @Test func arrayPathItemShapeIsValidated() {
        #expect(issues(#"{"@arrayPath":["$.p",{"x":{"@oops":1}}]}"#) == ["/@arrayPath/x has an invalid directive: @oops."])
        #expect(issues(#"{"@arrayPath":[]}"#) == ["/@arrayPath should be a string or a mapping directive but it is an undefined."])
    }

    @Test func ifNestedInvalidDirective() {
        #expect(issues(#"{"@if":{"exists":{"@path":"$.a"},"then":{"@oops":1}}}"#) == ["/@if/then has an invalid directive: @oops."])
    }

    @Test func pathMustBeAStringOrDirective() {
        #expect(issues(#"{"@path":false}"#) == ["/@path should be a string or a mapping directive but it is a boolean."])
    }

    @Test func replaceNeedsAPattern() {
        #expect(issues(#"{"@replace":{"value":"x"}}"#) == [#"/@replace should have field "pattern" but it doesn't."#])
    }

    @Test func replaceNeedsAValue() {
        #expect(issues(#"{"@replace":{"pattern":"x"}}"#) == [#"/@replace should have field "value" but it doesn't."#])
    }

    @Test func replacePatternAtMostTen() {
        #expect(issues(#"{"@replace":{"pattern":"abcdefghijk","value":"x"}}"#) == ["/@replace/pattern should be a string of length 10 or less."])
    }

    @Test func replacePatternAtLeastOne() {
        #expect(issues(#"{"@replace":{"pattern":"","value":"x"}}"#) == ["/@replace/pattern should be a string of length 1 or greater."])
    }

    @Test func replaceReplacementAtMostTen() {
        #expect(issues(#"{"@replace":{"pattern":"a","replacement":"abcdefghijk","value":"x"}}"#)
            == ["/@replace/replacement should be a string of length 10 or less."])
    }

    @Test func replaceFlagsMustBeBooleans() {
        #expect(issues(#"{"@replace":{"pattern":"a","value":"x","global":"yes"}}"#) == ["/@replace/global should be a boolean but it is a string."])
        #expect(issues(#"{"@replace":{"pattern":"a","value":"x","ignorecase":"yes"}}"#)
            == ["/@replace/ignorecase should be a boolean but it is a string."])
    }

    @Test func templateMustBeAStringOrDirective() {
        #expect(issues(#"{"@template":42}"#) == ["/@template should be a string or a mapping directive but it is a number."])
    }

    @Test func directiveMixedWithOtherKeys() {
        #expect(issues(#"{"@path":"$.foo","bar":"baz"}"#) == ["/ should only have one @-prefixed key but it has 2 keys."])
    }

    @Test func twoDirectivesInOneObject() {
        #expect(issues(#"{"@path":"$.foo","@template":"x"}"#) == ["/ should only have one @-prefixed key but it has 2 keys."])
    }

    @Test func unknownDirective() {
        #expect(issues(#"{"@oops":"x"}"#) == ["/ has an invalid directive: @oops."])
    }

    @Test func reportsEveryProblemWithItsPath() {
        let mapping = #"{"obj":{"@path":"$.a","@template":"b"},"ok":1,"hash":{"@template":{"a":1}}}"#
        #expect(issues(mapping) == [
            "/obj should only have one @-prefixed key but it has 2 keys.",
            "/hash/@template should be a string or a mapping directive but it is an object.",
        ])
        #expect(MappingValidator.validate(json(mapping)).last == MappingIssue(
            path: ["hash", "@template"], message: "should be a string or a mapping directive but it is an object"))
    }

    @Test func directiveArgumentMustBeAnObject() {
        #expect(issues(#"{"@case":"not an object"}"#) == ["/@case should be an object but it is a string."])
        #expect(issues(#"{"@if":{"@path":"x"}}"#) == ["/@if should be an object but it is a directive."])
    }

    @Test func jsonModeMustBeEncodeOrDecode() {
        #expect(issues(#"{"@json":{"mode":"oops","value":"x"}}"#) == [#"/@json/mode should be one of encode, decode but it is "oops"."#])
        #expect(issues(#"{"@json":{"mode":"encode"}}"#) == [#"/@json should have field "value" but it doesn't."#])
    }

    @Test func mergeEntriesAreReportedAtTheRoot() {
        #expect(issues(#"{"a":{"@merge":{"objects":[{},123],"direction":"right"}}}"#)
            == ["/ should be a object or a mapping directive but it is a number."])
        #expect(issues(#"{"@merge":{"objects":[],"direction":"up"}}"#) == [#"/@merge/direction should be one of left, right but it is "up"."#])
    }

    @Test func transformNeedsApplyAndMappingObjects() {
        #expect(issues(#"{"@transform":{"apply":"x"}}"#) == [
            "/@transform/apply should be a object or a mapping directive but it is a string.",
            #"/@transform should have field "mapping" but it doesn't."#,
        ])
    }

    @Test func liquidTakesOnlyAString() {
        #expect(issues(#"{"@liquid":5}"#) == ["/@liquid should be a string but it is a number."])
    }

    @Test func flattenNeedsAValue() {
        #expect(issues(#"{"@flatten":{"separator":"."}}"#) == [#"/@flatten should have field "value" but it doesn't."#])
    }

    @Test func siblingFieldProblemsAreAllReported() {
        #expect(issues(#"{"@replace":{"pattern":1,"global":"x"}}"#) == [
            "/@replace/pattern should be a string but it is a number.",
            #"/@replace should have field "value" but it doesn't."#,
            "/@replace/global should be a boolean but it is a string.",
        ])
    }

    @Test func arrayElementsAreNotValidated() {
        #expect(issues(#"[{"@oops":1}]"#).isEmpty)
    }
}
