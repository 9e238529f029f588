import Testing
@testable import BackflowCore

/// Liquid's tags, operators and white-space control as LiquidJS (and so Segment) renders them.
@Suite struct LiquidTagTests {
    @Test func assignAndCaptureSetVariablesThatHideTheEventsKeys() {
        #expect(liquid(#"{% assign properties = "x" %}{{ properties }}"#) == "x")
        #expect(liquid(#"{% capture who %}{{ properties.name | upcase }}!{% endcapture %}[{{ who }}]"#) == "[ADA LOVELACE!]")
    }

    @Test func ifTakesTheFirstTruthyBranchAndOnlyFalseNilAndUndefinedAreFalsy() {
        let template = #"{% if properties.missing %}a{% elsif properties.n == 41 %}b{% elsif 0 %}c{% else %}d{% endif %}"#
        #expect(liquid(template) == "c")
        #expect(liquid(#"{% if "" %}empty text is truthy{% endif %}"#) == "empty text is truthy")
        #expect(liquid(#"{% unless properties.n > 40 %}small{% else %}big{% endunless %}"#) == "big")
    }

    @Test func andAndOrGroupFromTheRight() {
        // LiquidJS reads `false and false or true` as `false and (false or true)`.
        #expect(liquid("{% if false and false or true %}T{% else %}F{% endif %}") == "F")
        #expect(liquid("{% if true or false and false %}T{% else %}F{% endif %}") == "T")
    }

    @Test func comparisonsFollowJavaScript() {
        #expect(liquid(#"{% if "10" < "9" %}text order{% endif %}"#) == "text order")
        #expect(liquid(#"{% if properties.n > "5" %}number order{% endif %}"#) == "number order")
        #expect(liquid(#"{% if properties.missing < 1 or properties.missing >= 0 %}x{% else %}undefined never orders{% endif %}"#)
            == "undefined never orders")
        #expect(liquid(#"{% if properties.name contains "Love" and properties.missing == nil %}yes{% endif %}"#) == "yes")
    }

    @Test func emptyAndBlankCompareByContent() {
        let event = #"{"properties":{"e":"","ws":" \t","list":[],"object":{},"zero":0}}"#
        #expect(liquid("{% if properties.e == empty and properties.list == empty and properties.object == empty %}1{% endif %}", event) == "1")
        #expect(liquid("{% if properties.ws == blank and properties.missing == blank %}2{% endif %}", event) == "2")
        #expect(liquid("{% if properties.zero == empty or properties.ws == empty %}x{% else %}3{% endif %}", event) == "3")
    }

    @Test func rawCommentAndInlineCommentsWriteNothingOfTheirMarkup() {
        #expect(liquid("{% raw %}{{ properties.name }}{% endraw %}") == "{{ properties.name }}")
        #expect(liquid("a{% comment %}{{ properties.name }}{% endcomment %}b{% # note %}c") == "abc")
    }

    @Test func theLiquidTagTakesOneTagALine() {
        let template = "{% liquid\nassign first = properties.name | split: \" \" | first\nif first == \"Ada\"\n  echo first | downcase\nendif\n%}"
        #expect(liquid(template) == "ada")
    }

    @Test func countersAndCyclesKeepTheirPlaceThroughTheRender() {
        #expect(liquid("{% increment a %}{% increment a %}{% decrement b %}{% decrement b %}{% increment b %}") == "01-1-2-2")
        #expect(liquid(#"{% cycle "x", "y" %}{% cycle "g": "a", "b" %}{% cycle "x", "y" %}{% cycle "g": "a", "b" %}"#) == "xayb")
    }

    @Test func breakAndContinueOutsideALoopEndTheOutput() {
        #expect(liquid("a{% if true %}b{% break %}c{% endif %}d") == "ab")
        #expect(liquid("{% capture x %}1{% continue %}2{% endcapture %}[{{ x }}]after") == "[1]after")
    }

    @Test func dashesTrimTheWhiteSpaceBesideATag() {
        #expect(liquid("a \n {%- assign x = 1 -%} \n b") == "ab")
        #expect(liquid("[ {{- properties.n -}} ]") == "[42]")
        #expect(liquid("[ {{ properties.n -}} ]") == "[ 42]")
    }

    @Test func propertiesAreReadOnlyFromTheValuesOwnKeys() {
        let event = #"{"properties":{"list":[1,2,3],"text":"héllo","obj":{"size":"own"}}}"#
        #expect(liquid("{{ properties.list.size }}|{{ properties.list.first }}|{{ properties.list.last }}|{{ properties.list[-1] }}", event)
            == "3|1|3|3")
        #expect(liquid("{{ properties.text.size }}|{{ properties.text[1] }}|{{ properties.text.first }}|{{ properties.text.constructor }}", event)
            == "5|é||")
        #expect(liquid("{{ properties.obj.size }}|{{ properties.size }}", event) == "own|3")
    }

    @Test func valuesPrintAsLiquidJSStringifiesThem() {
        let event = #"{"properties":{"list":[1,[2,null],"x"],"obj":{"a":1},"tiny":0.000001,"big":1e21}}"#
        #expect(liquid("{{ properties.list }}|{{ properties.obj }}|{{ properties.tiny }}|{{ properties.big }}|{{ nil }}|{{ true }}", event)
            == "12x|[object Object]|0.000001|1e+21||true")
        #expect(liquid("{{ (1..4) }}|{{ 2.50 }}|{{ -0 }}|{{ 2. | plus: 1 }}|{{ 1e3 }}|{{ .5 }}") == "1234|2.5|0|3||")
    }

    @Test func disabledTagsFailWhereTheyStandEvenInABranchNeverTaken() {
        #expect(liquid("{% if false %}{% for x in (1..2) %}{% endfor %}{% endif %}")
            == #"error: tag "for" is disabled, line:1, col:15"#)
        #expect(liquid("ok\n{% tablerow x in y %}{% endtablerow %}") == #"error: tag "tablerow" is disabled, line:2, col:1"#)
    }

    @Test func parseErrorsNameTheProblemAndItsPlace() {
        #expect(liquid("a\nb {% if x %}") == "error: tag {% if x %} not closed, line:2, col:3")
        #expect(liquid("{% if x %}{% else %}{% else %}{% endif %}") == "error: duplicated else, line:1, col:1")
        #expect(liquid("{{ properties.name | upcase ! }}") == #"error: expected ":" after filter name, line:1, col:29"#)
        #expect(liquid("{{ properties.name ! }}") == #"error: expected "|" before filter, line:1, col:21"#)
        #expect(liquid("x {% nope %}") == #"error: tag "nope" not found, line:1, col:3"#)
        #expect(liquid("{{ 'abc }}") == #"error: output "{{ 'abc }}" not closed, line:1, col:1"#)
    }

    @Test func aMappingPreparedForASyncRendersAndFailsAsTheEngineDoes() throws {
        let mapping = jsonObject(#"""
            {"name":{"@liquid":"{{ properties.name | split: ' ' | last }}"},
             "nested":{"@if":{"exists":{"@path":"$.properties.n"},"then":{"@liquid":"{{ properties.n | times: 2 }}"}}}}
            """#)
        let event = jsonObject(#"{"properties":{"name":"Ada Lovelace","n":21}}"#)
        let prepared = try PreparedMapping(mapping)
        #expect(try prepared.transform(data: event) == jsonObject(#"{"name":"Lovelace","nested":"42"}"#))
        #expect(try prepared.transform(data: event) == MappingEngine.transform(mapping, data: event))
        let broken = try PreparedMapping(jsonObject(#"{"v":{"@liquid":"{% for x in y %}"}}"#))
        #expect(throws: MappingError.runtime(#"tag "for" is disabled, line:1, col:1"#)) { try broken.transform(data: event) }
    }
}
