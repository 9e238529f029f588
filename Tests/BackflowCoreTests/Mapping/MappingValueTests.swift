import Testing
@testable import BackflowCore

@Suite struct MappingValueTests {
    @Test func columnBuildsAPropertiesPath() {
        #expect(MappingValue.column("email").json == json(#"{"@path":"$.properties.email"}"#))
    }

    @Test func templateBuildsATemplateDirective() {
        #expect(MappingValue.template("Hi {{properties.name}}").json == json(#"{"@template":"Hi {{properties.name}}"}"#))
    }

    @Test func literalIsWrittenRawWhenThatIsSafe() {
        #expect(MappingValue.literal(false).json == false)
        #expect(MappingValue.literal(json(#"{"plan":"pro"}"#)).json == json(#"{"plan":"pro"}"#))
    }

    @Test func literalWithDirectiveKeysSurvivesResolution() throws {
        let value = json(#"{"@path":"not a directive","n":[1]}"#)
        let mapping = MappingValue.literal(value).json
        #expect(mapping != value)
        #expect(try MappingEngine.resolve(mapping, data: [:]) == value)
        #expect(MappingValue(classifying: mapping) == .literal(value))
    }

    @Test func classifiesAColumnReference() {
        #expect(MappingValue(classifying: json(#"{"@path":"$.properties.email"}"#)) == .column("email"))
    }

    @Test func pathsThatAreNotPlainColumnsAreOther() {
        let nested = json(#"{"@path":"$.properties.a.b"}"#)
        #expect(MappingValue(classifying: nested) == .other(nested))
        let context = json(#"{"@path":"$.context.ip"}"#)
        #expect(MappingValue(classifying: context) == .other(context))
    }

    @Test func classifiesTemplatesLiteralsAndObjects() {
        #expect(MappingValue(classifying: json(#"{"@template":"x"}"#)) == .template("x"))
        #expect(MappingValue(classifying: "x") == .literal("x"))
        #expect(MappingValue(classifying: json(#"{"@literal":0}"#)) == .literal(0))
        #expect(MappingValue(classifying: json("[1,2]")) == .literal(json("[1,2]")))
        let object = jsonObject(#"{"a":{"@path":"$.properties.a"},"b":1}"#)
        #expect(MappingValue(classifying: .object(object)) == .object(object))
    }

    @Test func otherDirectivesAndArraysWithDirectivesAreOther() {
        let conditional = json(#"{"@if":{"exists":{"@path":"$.a"},"then":1}}"#)
        #expect(MappingValue(classifying: conditional) == .other(conditional))
        let array = json(#"[{"@path":"$.a"}]"#)
        #expect(MappingValue(classifying: array) == .other(array))
    }

    @Test func classifyingWhatABuilderMadeGivesItBack() {
        for value in [MappingValue.column("user_id"), .template("{{properties.a}}"), .literal(3)] {
            #expect(MappingValue(classifying: value.json) == value)
        }
    }
}
