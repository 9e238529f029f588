import Testing
@testable import BackflowCore

@Suite struct MappingEngineTests {
    @Test func undefinedKeysAreDroppedAndNullIsKept() throws {
        let mapping = jsonObject(#"{"a":{"@path":"$.missing"},"b":{"@path":"$.n"},"c":{"d":{"@path":"$.missing"}}}"#)
        #expect(try MappingEngine.transform(mapping, data: jsonObject(#"{"n":null}"#)) == jsonObject(#"{"b":null,"c":{}}"#))
    }

    @Test func undefinedArrayElementsBecomeNull() throws {
        let mapping = jsonObject(#"{"l":[1,{"@path":"$.missing"}]}"#)
        #expect(try MappingEngine.transform(mapping, data: [:]) == jsonObject(#"{"l":[1,null]}"#))
    }

    @Test func rawValuesAreCopiedAndKeyOrderKept() throws {
        let mapping = jsonObject(#"{"z":1,"a":{"y":false,"b":""},"m":[true]}"#)
        let output = try MappingEngine.transform(mapping, data: [:])
        #expect(JSONWriter.compact(.object(output)) == #"{"z":1,"a":{"y":false,"b":""},"m":[true]}"#)
    }

    @Test func metadataBesideADirectiveIsIgnored() throws {
        #expect(try resolve(#"{"@path":"$.a","_metadata":{"label":"A"}}"#, #"{"a":1}"#) == 1)
    }

    @Test func invalidMappingIsReportedBeforeResolving() {
        #expect(throws: MappingError.invalidMapping([MappingIssue(path: ["x"], message: "has an invalid directive: @oops")])) {
            try MappingEngine.transform(jsonObject(#"{"x":{"@oops":1}}"#), data: [:])
        }
    }

    @Test func liquidRendersItsTemplateAgainstTheEventToAString() throws {
        #expect(issues(#"{"@liquid":"{{ a | upcase }}"}"#).isEmpty)
        #expect(try resolve(#"{"@liquid":"{{ a | upcase }}"}"#, #"{"a":"ada"}"#) == "ADA")
        #expect(try resolve(#"{"@liquid":"{{ n | plus: 1 }}"}"#, #"{"n":41}"#) == "42")
    }

    @Test func liquidInsideAnArrayMustStillBeAString() {
        #expect(runtimeError(#"[{"@liquid":5}]"#) == "liquid template value must be a string")
    }

    @Test func rootDirectiveRunsFieldMappingsOverItsResult() throws {
        let mapping = jsonObject(#"""
            {"__segment_internal_directive":{"@transform":{"apply":{"who":{"@path":"$.properties.name"}}}},
             "greeting":{"@template":"Hi {{who}}"},"raw":1}
            """#)
        #expect(try MappingEngine.transform(mapping, data: jsonObject(#"{"properties":{"name":"Ada"}}"#))
            == jsonObject(#"{"greeting":"Hi Ada","raw":1}"#))
    }

    @Test func rootDirectiveWithTwoKeysIsRejected() {
        let mapping = jsonObject(#"{"__segment_internal_directive":{"@transform":{},"@path":"x"}}"#)
        #expect(throws: MappingError.runtime("The root mapping must only have a single directive object")) {
            try MappingEngine.transform(mapping, data: [:])
        }
    }

    @Test func rootDirectiveArgumentMustBeAnObject() {
        let mapping = jsonObject(#"{"__segment_internal_directive":{"@transform":"x"}}"#)
        #expect(throws: MappingError.runtime("The root directive must be an object")) {
            try MappingEngine.validate(mapping)
        }
    }

    @Test func rootDirectiveIsValidatedWithTheInjectedMapping() {
        let mapping = jsonObject(#"{"__segment_internal_directive":{"@transform":{"apply":{}}},"f":{"@oops":1}}"#)
        #expect(throws: MappingError.invalidMapping([MappingIssue(path: ["@transform", "mapping", "f"], message: "has an invalid directive: @oops")])) {
            try MappingEngine.validate(mapping)
        }
    }

    @Test func directiveAtTheRootMustResolveToAnObject() {
        #expect(throws: MappingError.runtime("mapping must resolve to an object, got string")) {
            try MappingEngine.transform(jsonObject(#"{"@path":"$.a"}"#), data: jsonObject(#"{"a":"x"}"#))
        }
    }

    @Test func transformInsideAnItemNeedsAnObjectPayload() {
        let mapping = #"{"@arrayPath":["$.l",{"@transform":{"apply":{"a":1},"mapping":{"b":1}}}]}"#
        #expect(runtimeError(mapping, #"{"l":[5]}"#) == "data must be an object, got number")
    }

    @Test func invalidMappingDescriptionJoinsIssuesWithASpace() {
        let error = MappingError.invalidMapping([
            MappingIssue(path: [], message: "has an invalid directive: @a"),
            MappingIssue(path: ["b"], message: "has an invalid directive: @b"),
        ])
        #expect(error.description == "/ has an invalid directive: @a. /b has an invalid directive: @b.")
    }
}
