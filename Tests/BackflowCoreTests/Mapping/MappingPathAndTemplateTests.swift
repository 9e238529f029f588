import Testing
@testable import BackflowCore

@Suite struct MappingPathTests {
    @Test func readsAColumnFromProperties() throws {
        #expect(try resolve(#"{"@path":"$.properties.email"}"#, #"{"properties":{"email":"a@b.co"}}"#) == "a@b.co")
    }

    @Test func leadingDollarDotIsOptional() throws {
        #expect(try resolve(#"{"@path":"properties.email"}"#, #"{"properties":{"email":"x"}}"#) == "x")
    }

    @Test func dollarDotAloneIsTheWholeEvent() throws {
        #expect(try resolve(#"{"@path":"$."}"#, #"{"foo":"bar"}"#) == json(#"{"foo":"bar"}"#))
        #expect(try resolve(#"{"@path":""}"#, #"{"foo":"bar"}"#) == json(#"{"foo":"bar"}"#))
    }

    @Test func missingPathIsUndefined() throws {
        #expect(try resolve(#"{"@path":"$.oops"}"#, #"{"foo":"bar"}"#) == nil)
    }

    @Test func pathThroughNullGivesNull() throws {
        #expect(try resolve(#"{"@path":"$.properties.a.b"}"#, #"{"properties":{"a":null}}"#) == .null)
    }

    @Test func argumentMayBeADirective() throws {
        #expect(try resolve(#"{"@path":{"@path":"$.foo"}}"#, #"{"foo":"bar","bar":"baz"}"#) == "baz")
    }

    @Test func nonStringArgumentFromADirectiveIsARuntimeError() {
        #expect(runtimeError(#"{"@path":{"@path":"$.n"}}"#, #"{"n":5}"#) == "@path: expected string, got number")
    }
}

@Suite struct MappingTemplateTests {
    @Test func fillsPlaceholdersFromTheEvent() throws {
        #expect(try resolve(#"{"@template":"Hello, {{who.name}}!"}"#, #"{"who":{"name":"World"}}"#) == "Hello, World!")
    }

    @Test func doesNotStripDollarDot() throws {
        #expect(try resolve(#"{"@template":"[{{$.a}}]"}"#, #"{"a":"x"}"#) == "[]")
    }

    @Test func tripleBracesFillLikeDoubleBracesWithoutEscaping() throws {
        let output = try resolve(#"{"@template":"<i>{{a}} {{{a}}}</i>"}"#, #"{"a":"<b>Hi</b>"}"#)
        #expect(output == "<i><b>Hi</b> <b>Hi</b></i>")
    }

    @Test func extraClosingBraceStaysAsText() throws {
        #expect(try resolve(#"{"@template":"{{foo}}}"}"#, #"{"foo":"v"}"#) == "v}")
    }

    @Test func placeholderTextIsTrimmed() throws {
        #expect(try resolve(#"{"@template":"{{  foo  }}"}"#, #"{"foo":"v"}"#) == "v")
    }

    @Test func missingAndNullFillAsEmptyAndTheKeyIsKept() throws {
        #expect(try resolve(#"{"@template":"{{oops.yo}}"}"#) == "")
        #expect(try resolve(#"{"@template":"a{{n}}b"}"#, #"{"n":null}"#) == "ab")
    }

    @Test func stringifiesValuesAsJavaScriptDoes() throws {
        let event = #"{"t":true,"i":1,"f":0.30000000000000004,"big":1e21,"l":[1,2,null],"o":{"k":1}}"#
        #expect(try resolve(#"{"@template":"{{t}} {{i}} {{f}} {{big}} {{l}} {{o}}"}"#, event)
            == "true 1 0.30000000000000004 1e+21 1,2, [object Object]")
    }

    @Test func textFilledByTripleBracesIsReadByTheDoubleBracePass() throws {
        #expect(try resolve(#"{"@template":"{{{a}}}"}"#, #"{"a":"{{b}}","b":"deep"}"#) == "deep")
    }

    @Test func falsyValuesOtherThanNullPrintAsText() throws {
        #expect(try resolve(#"{"@template":"{{z}}/{{f}}/{{e}}"}"#, #"{"z":0,"f":false,"e":""}"#) == "0/false/")
    }

    @Test func nonStringArgumentFromADirectiveIsARuntimeError() {
        #expect(runtimeError(#"{"@template":{"@path":"$.o"}}"#, #"{"o":{}}"#) == "@template: expected string, got object")
    }
}
