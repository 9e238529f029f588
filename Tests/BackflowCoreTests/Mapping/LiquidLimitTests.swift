import Testing
@testable import BackflowCore

/// The bounds a template renders within: Segment's length and memory limits, and Backflow's own bounds
/// on text size and nesting, which keep hostile templates from hanging or exhausting the machine.
@Suite struct LiquidLimitTests {
    @Test func templatesAreLimitedTo1000UTF16Units() {
        #expect(liquid(String(repeating: "x", count: 1000)) == String(repeating: "x", count: 1000))
        #expect(liquid(String(repeating: "x", count: 1001)) == "error: liquid template values are limited to 1000 characters")
        #expect(liquid(String(repeating: "😀", count: 501)) == "error: liquid template values are limited to 1000 characters")
        #expect(liquid("") == "")
    }

    @Test func theMemoryLimitCountsWhatFiltersGoThroughAndNamesTheTagThatPassedIt() {
        let doubling = #"{% assign s = "xxxxxxxxxx" %}"# + String(repeating: "{% assign s = s | append: s %}", count: 24)
        // 10·(2²³−2) units fit in 10⁸; the 23rd append, at column 1 + 29 + 22·30, passes it.
        #expect(liquid(doubling + "{{ s | size }}") == "error: memory alloc limit exceeded, line:1, col:690")
        let fewer = #"{% assign s = "xxxxxxxxxx" %}"# + String(repeating: "{% assign s = s | append: s %}", count: 10)
        #expect(liquid(fewer + "{{ s | size }}") == "10240")
    }

    @Test func aTextThatWouldOutgrowTheMemoryLimitFailsBeforeItIsBuilt() {
        // Each replace makes the text 40 times longer: the fifth would make 40⁵ units, past 10⁸.
        let start = #"{% assign s = "x" %}"#
        let replace = #"{% assign s = s | replace: "x", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" %}"#
        let growth = start + String(repeating: replace, count: 6) + "{{ s | size }}"
        #expect(liquid(growth) == "error: memory alloc limit exceeded, line:1, col:\(start.count + 4 * replace.count + 1)")
        #expect(liquid("{{ (1..1000000000000) | size }}") == "error: memory alloc limit exceeded, line:1, col:1")
        #expect(liquid("{{ (1..1000) | size }}") == "1000")
    }

    @Test func anArrayMayNotPassAMillionItems() {
        let start = #"{% assign s = "xxxxxxxxxx" %}"# + String(repeating: "{% assign s = s | append: s %}", count: 17)
        // 10·2¹⁷ units: one piece each would be 1,310,720 pieces.
        #expect(liquid(start + #"{{ s | split: "" | size }}"#) == "error: memory alloc limit exceeded, line:1, col:\(start.count + 1)")
        #expect(liquid(start + #"{{ s | split: "xxxxxxxxxx" | size }}|{{ s | replace: "xxxxxxxxxx", "y" | size }}"#) == "0|131072")
        #expect(liquid("{{ (1..2000000) | size }}") == "error: memory alloc limit exceeded, line:1, col:1")
    }

    @Test func aDatesWidthOrOffsetCannotBlowUp() {
        #expect(liquid(#"{{ 0 | date: "%999999999d" }}"#) == "error: memory alloc limit exceeded, line:1, col:1")
        #expect(liquid(#"{{ 0 | date: "%999999999Q" }}"#) == "%999999999Q")
        #expect(liquid(#"{% assign far = "1e300" | plus: 0 %}{{ 0 | date: "%Y", far }}"#) == "0")
    }

    @Test func theDeepestNestingATemplateCanHoldRendersOnASmallStack() async {
        // A `{% liquid %}` tag nests an `if` every 5 characters: 197 levels, the most 1,000 characters hold.
        // The innermost `if`, on the last line, is the first found unclosed.
        let template = "{% liquid\n" + String(repeating: "if a\n", count: 197) + "%}"
        let outcome = await Task.detached { liquid(template) }.value
        #expect(outcome == "error: tag if a not closed, line:198, col:1")
    }

    @Test func deepNestingIsRefusedInsteadOfExhaustingTheStack() {
        #expect(liquid("{{ " + String(repeating: "(", count: 900) + " }}").hasPrefix("error: template nests too deep"))
        #expect(liquid("{{ " + String(repeating: "a[", count: 400) + " }}").hasPrefix("error: template nests too deep"))
        let nestedIfs = String(repeating: "{%if 1%}", count: 100) + "x" + String(repeating: "{%endif%}", count: 100)
        #expect(liquid(nestedIfs).hasPrefix("error: liquid template values are limited"))
        let fittingIfs = String(repeating: "{%if 1%}", count: 55) + "x" + String(repeating: "{%endif%}", count: 55)
        #expect(liquid(fittingIfs) == "x")
    }

    @Test func brokenMarkupEndsInLiquidJSsErrorNeverACrash() {
        let outcomes: [(String, String)] = [
            ("{%", #"tag "{%" not closed, line:1, col:1"#),
            ("{{", #"output "{{" not closed, line:1, col:1"#),
            ("{%}", "illegal tag syntax, tag name expected, line:1, col:3"),
            ("{{}}", #"invalid value expression: "", line:1, col:3"#),
            ("{{-}}", #"invalid value expression: "", line:1, col:4"#),
            ("{% raw %}{% endraw", #"raw "{% raw %}{% endraw" not closed, line:1, col:10"#),
            (#"{{ "\"#, #"output "{{ \"\\" not closed, line:1, col:1"#),
            ("{% cycle %}", #"empty candidates: "{% cycle %}", line:1, col:9"#),
            ("{{ ( }}", #"unexpected token "", value expected, line:1, col:5"#),
            ("{{ a[ }}", "[ not closed, line:1, col:6"),
            ("{% # a\nb %}", "every line of an inline comment must start with a '#' character, line:1, col:1"),
            ("%}}}{{{", #"output "{{{" not closed, line:1, col:5"#),
            (String(repeating: "{%- -%}", count: 140), "illegal tag syntax, tag name expected, line:1, col:5"),
        ]
        for (template, error) in outcomes { #expect(liquid(template) == "error: " + error, "\(template)") }
        #expect(liquid("{{ a | b: }}{% liquid\n\n %}") == "")
    }
}
