import Testing
@testable import BackflowCore

/// LiquidJS's filters as Segment's runtime allows them.
@Suite struct LiquidFilterTests {
    @Test func textFiltersWorkOnUTF16UnitsAsJavaScriptDoes() {
        #expect(liquid(#"{{ "Ada Lovelace" | truncate: 7 }}|{{ "Ada Lovelace" | truncatewords: 1, "…" }}"#) == "Ada ...|Ada…")
        #expect(liquid(#"{{ "Ada Lovelace" | slice: -4, 3 }}|{{ "😀x" | size }}|{{ "a,b,,c,," | split: "," | size }}"#) == "lac|3|4")
        #expect(liquid(#"{{ "ab-ab" | replace_first: "ab", "[$&]" }}|{{ "ab-ab" | remove_last: "ab" }}|{{ "ab" | replace: "", "." }}"#)
            == "[ab]-ab|ab-|a.b")
        #expect(liquid(#"{{ "hELLO wORLD" | capitalize }}|{{ "xxhixx" | strip: "x" }}|{{ "  a  " | lstrip }}."#) == "Hello world|hi|a  .")
        #expect(liquid(#"{{ "a\r\nb\nc\rd" | strip_newlines }}|{{ " a \n b " | normalize_whitespace }}"#) == "abc\rd| a b ")
    }

    @Test func appendAndPrependTakeExactlyOneArgument() {
        #expect(liquid(#"{{ properties.n | append: "!" | prepend: 1 }}"#) == "142!")
        #expect(liquid("{{ properties.n | append }}") == "error: append expect 2 arguments, line:1, col:1")
    }

    @Test func mathReadsWhatIsNotANumberAsZero() {
        #expect(liquid(#"{{ "4.5" | plus: "1" }}|{{ "abc" | times: 3 }}|{{ properties.missing | minus: 2 }}"#) == "5.5|0|-2")
        #expect(liquid("{{ 7 | divided_by: 2 }}|{{ 7 | divided_by: 2, true }}|{{ -7 | modulo: 3 }}|{{ 7 | modulo: -3 }}") == "3.5|3|2|-2")
        #expect(liquid("{{ 2.5 | round }}|{{ -2.5 | round }}|{{ 1.005 | round: 2 }}|{{ 5 | at_least: 7, 6 }}|{{ -3 | abs }}")
            == "3|-3|1|7|3")
        #expect(liquid("{{ 1 | divided_by: 0 }}|{{ \"x\" | to_integer }}") == "Infinity|NaN")
    }

    @Test func arrayFiltersTreatOtherValuesAsOneElement() {
        let event = #"{"properties":{"items":[{"sku":"a","qty":2},{"sku":"b","qty":"3"},{"qty":null}],"tags":["x",null,"y"]}}"#
        #expect(liquid(#"{{ properties.items | where: "sku", "b" | size }}|{{ properties.items | where: "sku" | size }}"#, event) == "1|2")
        #expect(liquid(#"{{ properties.items | sum: "qty" }}|{{ properties.tags | compact | join: "+" }}|{{ properties.tags | join }}"#, event)
            == "5|x+y|x  y")
        #expect(liquid(#"{{ "solo" | join: "," }}|{{ properties.tags | push: "z" | shift | pop | json }}|{{ "abc" | first }}."#, event)
            == #"solo|[null,"y"]|."#)
    }

    @Test func defaultReplacesNilFalseAndEmptyOnly() {
        #expect(liquid(#"{{ properties.missing | default: "d" }}|{{ "" | default: "d" }}|{{ 0 | default: "d" }}|{{ false | default: "d", allow_false: true }}"#)
            == "d|d|0|false")
    }

    @Test func jsonWritesJavaScriptsJSONAndUndefinedAsNothing() {
        let event = #"{"properties":{"obj":{"b":[1,2.5e-5],"a":"x\"y"}}}"#
        #expect(liquid("{{ properties.obj | json }}|{{ properties.missing | json }}|{{ nil | json }}", event)
            == #"{"b":[1,0.000025],"a":"x\"y"}||{}"#)
        #expect(liquid("{{ properties.obj.b | json: 2 }}", event) == "[\n  1,\n  0.000025\n]")
    }

    @Test func htmlAndURLFilters() {
        #expect(liquid(#"{{ "<b>Tom & 'Jerry'</b>" | escape }}|{{ "&lt; <" | escape_once }}"#) == "&lt;b&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;|&lt; &lt;")
        #expect(liquid(#"{{ "<p>a<script>x</script>b<!--\n-->c</p>" | strip_html }}"#) == "abc")
        #expect(liquid(#"{{ "a b/é?&" | url_encode }}|{{ "a b(é)" | cgi_escape }}|{{ "/a b[1]?é" | uri_escape }}"#)
            == "a+b%2F%C3%A9%3F%26|a+b%28%C3%A9%29|/a%20b[1]?%C3%A9")
        #expect(liquid(#"{{ "%E6%9D%B1+x" | url_decode }}|{{ "Déjà Vu, 2024!" | slugify }}|{{ "Déjà Vu" | slugify: "latin" }}"#)
            == "東 x|déjà-vu-2024|deja-vu")
        #expect(liquid(#"{{ "%E6%9D" | url_decode }}"#) == "error: URI malformed, line:1, col:1")
    }

    @Test func encodingsAndHashesReadTheTextAsUTF8() {
        #expect(liquid(#"{{ "é!" | base64_encode }}|{{ "w6kh" | base64_decode }}|{{ "w6k" | base64_decode }}"#) == "w6kh|é!|é")
        #expect(liquid(#"{{ "abc" | sha256 }}"#) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(liquid(#"{{ "what do ya want for nothing?" | hmac_sha256: "Jefe" }}"#)
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func datesShowInUTCUnlessAnOffsetOrZoneIsGiven() {
        #expect(liquid(#"{{ 0 | date: "%Y-%m-%d %H:%M:%S %z" }}|{{ "1714644000" | date: "%s %j %U %W %u %a %b" }}"#)
            == "1970-01-01 00:00:00 +0000|1714644000 123 17 17 4 Thu May")
        #expect(liquid(#"{{ "2024-05-02T10:00:00Z" | date: "%H:%M %z", 120 }}|{{ "2024-05-02T10:00:00Z" | date: "%H:%M %Z", "Asia/Tokyo" }}"#)
            == "08:00 -0200|19:00 Asia/Tokyo")
        #expect(liquid(#"{{ "2024-05-02 10:05:09" | date: "%-m/%e/%y %l:%M:%S%P %^a %10A|%_H|%-d" }}"#)
            == "5/ 2/24 10:05:09am THU   Thursday|10|2")
        #expect(liquid(#"{{ "2024-05-02" | date_to_string: "ordinal", "US" }}|{{ "not a date" | date: "%Y" }}|{{ nil | date: "%Y" }}."#)
            == "May 2nd, 2024|not a date|.")
    }

    @Test func unknownFiltersPassTheValueAndDisabledOnesFailWhenReached() {
        #expect(liquid("{{ properties.n | no_such_filter: 1 | plus: 1 }}") == "43")
        #expect(liquid("{% if false %}{{ properties.n | sort }}{% endif %}ok") == "ok")
        #expect(liquid("ab\n  {{ properties.n | reverse }}") == #"error: filter "reverse" is disabled, line:2, col:3"#)
    }
}
