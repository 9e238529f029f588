import Testing
@testable import BackflowCore

@Suite struct CompiledMappingTests {
    let event = jsonObject(
        #"""
        {"type":"track","event":"new","messageId":"m-1","properties":{"id":7,"email":"a@b.c","name":" Ada ",
        "zero":0,"none":null,"tags":["x","y"],"nested":{"a":{"b":"deep"}},"$":{"k":"dollar"}},"__segment_id":"7"}
        """#)

    /// The compiled mapping must give exactly what the general engine gives.
    private func expectSameAsEngine(_ mapping: String) throws {
        let fields = jsonObject(mapping)
        let compiled = try #require(CompiledMapping(.object(fields)))
        let expected = try MappingEngine.transform(fields, data: event)
        let actual = try compiled.resolve(data: event)
        #expect(actual == expected)
        #expect(actual.keys == expected.keys)
    }

    @Test func pathsReadColumnsStrippedOfTheRootPrefix() throws {
        try expectSameAsEngine(#"{"a":{"@path":"$.properties.email"},"b":{"@path":"properties.id"},"c":{"@path":"$.messageId"}}"#)
    }

    @Test func pathsKeepJavaScriptLookupQuirks() throws {
        try expectSameAsEngine(
            #"""
            {"falsy":{"@path":"$.properties.zero.x"},"null":{"@path":"$.properties.none.x"},
            "missing":{"@path":"$.properties.nope"},"length":{"@path":"$.properties.tags.length"},
            "index":{"@path":"$.properties.tags[1]"},"quoted":{"@path":"$.properties['nested'].a.b"},
            "root":{"@path":"$."},"dot":{"@path":"."},"dollar":{"@path":"properties.$.k"}}
            """#)
    }

    @Test func undefinedValuesAreLeftOutAndNullsKept() throws {
        let compiled = try #require(CompiledMapping(json(#"{"a":{"@path":"$.nope"},"b":{"@path":"$.properties.none"}}"#)))
        #expect(try compiled.resolve(data: event) == jsonObject(#"{"b":null}"#))
    }

    @Test func templatesFillPlaceholdersAsTheEngineDoes() throws {
        try expectSameAsEngine(
            #"""
            {"id":{"@template":"{{properties.id}}"},"text":{"@template":"Hi {{ properties.name }}, {{properties.tags}}!"},
            "empty":{"@template":"[{{properties.none}}{{properties.nope}}]"},"braces":{"@template":"{{}} {{ x"}}
            """#)
    }

    @Test func triplePlaceholdersFallBackToTheEngine() throws {
        #expect(TemplateRenderer.segments(of: "{{{properties.name}}}") == nil)
        try expectSameAsEngine(#"{"t":{"@template":"{{{properties.name}}} {{properties.id}}"}}"#)
    }

    @Test func literalsNestedObjectsAndOtherDirectivesResolveAsTheEngineDoes() throws {
        try expectSameAsEngine(
            #"""
            {"n":1.5,"s":"text","z":null,"list":[{"@path":"$.nope"},2],
            "traits":{"email":{"@path":"$.properties.email"},"plan":"pro","deep":{"x":{"@path":"$.properties.nested.a"}}},
            "cond":{"@if":{"exists":{"@path":"$.properties.email"},"then":"yes","else":"no"}},
            "lit":{"@literal":{"a":1}},"dynamic":{"@path":{"@template":"properties.email"}}}
            """#)
    }

    @Test func generalDirectiveErrorsAreTheEngines() throws {
        let compiled = try #require(CompiledMapping(json(#"{"a":{"@path":1}}"#)))
        #expect(throws: MappingError.runtime("@path: expected string, got number")) { try compiled.resolve(data: event) }
    }

    @Test func rootDirectivesAreNotCompiled() {
        #expect(CompiledMapping(json(#"{"@path":"$.properties"}"#)) == nil)
        #expect(CompiledMapping(json("[1]")) == nil)
    }
}
