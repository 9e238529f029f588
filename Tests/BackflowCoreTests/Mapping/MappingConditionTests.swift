import Testing
@testable import BackflowCore

@Suite struct MappingIfTests {
    let event = #"{"a":1,"b":true,"c":false,"d":null,"e":"","z":0,"s":" ","l":[]}"#

    func branch(_ test: String, _ path: String) throws -> JSONValue? {
        try resolve(#"{"@if":{"\#(test)":{"@path":"$.\#(path)"},"then":"yes","else":"no"}}"#, event)
    }

    @Test func existsIsTrueForAnyValueButUndefinedAndNull() throws {
        #expect(try branch("exists", "a") == "yes")
        #expect(try branch("exists", "e") == "yes")
        #expect(try branch("exists", "c") == "yes")
        #expect(try branch("exists", "d") == "no")
        #expect(try branch("exists", "x") == "no")
    }

    @Test func blankTreatsZeroFalseAndEmptyAsBlank() throws {
        #expect(try branch("blank", "a") == "yes")
        #expect(try branch("blank", "z") == "no")
        #expect(try branch("blank", "c") == "no")
        #expect(try branch("blank", "e") == "no")
        #expect(try branch("blank", "l") == "no")
        #expect(try branch("blank", "d") == "no")
        #expect(try branch("blank", "x") == "no")
    }

    @Test func blankTreatsASpaceAsNotBlank() throws {
        #expect(try branch("blank", "s") == "yes")
    }

    @Test func falseThenBranchIsReturned() throws {
        #expect(try resolve(#"{"@if":{"exists":{"@path":"$.a"},"then":false}}"#, event) == false)
    }

    @Test func falsyElseBranchBehavesAsNoElse() throws {
        for otherwise in ["false", "0", #""""#, "null"] {
            #expect(try resolve(#"{"@if":{"exists":{"@path":"$.x"},"then":1,"else":\#(otherwise)}}"#, event) == nil)
        }
    }

    @Test func missingChosenBranchDropsTheKey() throws {
        let mapping = jsonObject(#"{"f":{"@if":{"exists":{"@path":"$.x"},"then":1}},"g":2}"#)
        #expect(try MappingEngine.transform(mapping, data: jsonObject(event)) == jsonObject(#"{"g":2}"#))
    }

    @Test func literalFalsyConditionIsARuntimeError() {
        #expect(runtimeError(#"{"@if":{"exists":false,"then":1}}"#) == #"@if requires an "exists" key or a "blank" key"#)
    }
}

@Suite struct MappingCaseTests {
    @Test func lowerAndUpperCaseStrings() throws {
        #expect(try resolve(#"{"@case":{"operator":"lower","value":{"@path":"$.v"}}}"#, #"{"v":"MiXeD Ünï"}"#) == "mixed ünï")
        #expect(try resolve(#"{"@case":{"operator":"upper","value":{"@path":"$.v"}}}"#, #"{"v":"MiXeD ünï"}"#) == "MIXED ÜNÏ")
    }

    @Test func nonStringsPassThroughUnchecked() throws {
        #expect(try resolve(#"{"@case":{"operator":"sideways","value":{"@path":"$.v"}}}"#, #"{"v":1}"#) == 1)
        #expect(try resolve(#"{"@case":{"operator":"lower","value":{"@path":"$.v"}}}"#, #"{"v":null}"#) == .null)
        #expect(try resolve(#"{"@case":{"operator":"lower","value":{"@path":"$.v"}}}"#, #"{"v":{"k":"A"}}"#) == json(#"{"k":"A"}"#))
    }

    @Test func unknownOperatorOnAStringIsARuntimeError() {
        #expect(runtimeError(#"{"@case":{"operator":"snake","value":{"@path":"$.v"}}}"#, #"{"v":"a"}"#)
            == #"operator key should have a value of "lower" or "upper""#)
    }

    @Test func missingOperatorIsARuntimeError() {
        #expect(runtimeError(#"{"@case":{"value":"a"}}"#) == #"@case requires a "operator" key"#)
    }
}

@Suite struct MappingLiteralTests {
    @Test func returnsRawValuesUnchanged() throws {
        #expect(try resolve(#"{"@literal":false}"#) == false)
        #expect(try resolve(#"{"@literal":""}"#) == "")
    }

    @Test func resolvesNestedDirectives() throws {
        let mapping = #"{"@literal":{"a":{"@path":"$.a"},"b":{"@path":"$.b"}}}"#
        #expect(try MappingEngine.transform(["nested": json(mapping)], data: jsonObject(#"{"a":"some value"}"#))
            == jsonObject(#"{"nested":{"a":"some value"}}"#))
    }

    @Test func unknownNestedDirectiveFailsAtRuntime() {
        #expect(runtimeError(#"{"@literal":{"a":{"@oops":1}}}"#) == "@oops is not a valid directive, got undefined")
    }
}

@Suite struct MappingExcludeWhenNullTests {
    @Test func nullDropsTheKey() throws {
        let mapping = jsonObject(#"{"a":{"@excludeWhenNull":{"@path":"$.n"}},"b":{"@path":"$.n"}}"#)
        #expect(try MappingEngine.transform(mapping, data: jsonObject(#"{"n":null}"#)) == jsonObject(#"{"b":null}"#))
    }

    @Test func removesNullKeysThroughNestedObjectsButNotArrays() throws {
        let event = #"{"o":{"a":null,"b":1,"c":{"d":null},"l":[null]}}"#
        #expect(try resolve(#"{"@excludeWhenNull":{"@path":"$.o"}}"#, event) == json(#"{"b":1,"c":{},"l":[null]}"#))
    }

    @Test func otherValuesPassThrough() throws {
        #expect(try resolve(#"{"@excludeWhenNull":0}"#) == 0)
    }
}
