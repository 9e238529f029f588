import BackflowCore
@testable import BackflowSink
import Testing

@Suite("Sink body scanner")
struct SinkBodyScannerTests {
    /// What the checks would read from the body parsed into a tree: the scanner must say the
    /// same whenever it does not decline.
    private static func treeFacts(_ body: [UInt8], call: TrackingCall) throws -> TrackingBodyFacts {
        TrackingBodyFacts(root: try #require(try JSONReader.parse(bytes: body).objectValue), call: call)
    }

    private static func expectAgreement(_ text: String, call: TrackingCall = .batch) throws {
        let body = Array(text.utf8)
        let scanned = try #require(TrackingBodyScanner.facts(of: body, call: call), "declined \(text)")
        #expect(scanned == (try treeFacts(body, call: call)), "\(text)")
    }

    static let agreeingBodies = [
        #"{"batch":[{"userId":"1","messageId":"bf-d1969590fdcd21397b55ab0296f6d6b2","context":{"consent":{}},"traits":{"email":"user1@example.com","age":19,"lifetime_value":1.62,"is_active":true,"referrer":null},"type":"identify"}],"sentAt":"2026-11-23T09:00:00.000Z"}"#,
        "{ \"batch\" : [ { \"type\" : \"identify\" ,\n\t\"userId\" : \"u\" , \"traits\" : { \"a\" : [ 1 , 2 ] } } ] }\r\n",
        #"{"batch":[],"writeKey":"wk"}"#,
        #"{"batch":[1,"two",null,true,[3],{}]}"#,
        #"{"batch":[{"type":"track","userId":5,"event":""},{"type":"alias","previousId":-1.5,"userId":"u"},{"type":"group","anonymousId":"a","groupId":null}]}"#,
        #"{"batch":[{"type":"identify","userId":"","anonymousId":false}],"context":{"library":{"name":"x"}},"integrations":{"All":false}}"#,
        #"{"batch":[{"type":"identify","userId":"x\"y\\z\/w\b\f\n\r\t","traits":{"s":"\u00e9\ud83d\ude00\ud800\udc00\ud800x\udc00\u0001\u0008\u007f\u2028\u0022"}}]}"#,
        #"{"batch":[{"type":"\u0069dentify","messageId":"m\u002d1","userId":"é😀"}],"writeKey":"w\u0041"}"#,
        #"{"batch":[{"n":[0,-0,1.0,1.50,0.1,-0.5,1e3,1E-7,-1.5e+300,2.5E2,0.00001,0.0001234,12345678901234.5,1234567890123456.7]}]}"#,
        #"{"batch":[{"n":[123456789012345678,1234567890123456789,9223372036854775807,-9223372036854775808,9223372036854775808,123456789012345678901,1e400,-1e400]}]}"#,
        #"{"batch":[{"batch":[{"type":"identify"}],"type":"page","anonymousId":"a"}],"batch2":[]}"#,
        #"{"":{"":1},"batch":[{"":""}]}"#,
    ]

    @Test(arguments: agreeingBodies)
    func readsWhatTheParsedTreeGives(body: String) throws {
        try Self.expectAgreement(body)
    }

    @Test(arguments: agreeingBodies)
    func readsASingleCallsBodyAsItsOneMessage(body: String) throws {
        try Self.expectAgreement(body, call: .track)
    }

    @Test func readsTheFactsTheChecksNeed() throws {
        let body = #"{"writeKey":"wk","batch":[{"type":"track","messageId":"m-1","userId":"u","event":"E","properties":{"p":1.50}}, "x"]}"#
        let facts = try #require(TrackingBodyScanner.facts(of: Array(body.utf8), call: .batch))
        #expect(facts.writeKey == "wk")
        let messages = try #require(facts.messages)
        #expect(messages.count == 2)
        #expect(messages[0].fields == MessageFields(type: "track", messageId: "m-1", identifiers: [.userId, .event]))
        #expect(messages[0].compactByteCount == #"{"type":"track","messageId":"m-1","userId":"u","event":"E","properties":{"p":1.5}}"#.utf8.count)
        #expect(messages[1] == MessageFacts(compactByteCount: 3, fields: nil))
    }

    @Test func aBatchBodyWithoutABatchArrayHasNoMessages() throws {
        let facts = try #require(TrackingBodyScanner.facts(of: Array(#"{"batch":{"type":"identify"}}"#.utf8), call: .batch))
        #expect(facts.messages == nil)
    }

    static let declinedBodies = [
        #"{"batch":[1,]}"#,
        #"{"batch":[01]}"#,
        #"{"batch":[tru]}"#,
        #"{"batch":[]} x"#,
        #"[{"type":"identify"}]"#,
        #"{"batch":[{"type":"identify","type":"track"}]}"#,
        #"{"batch":[{"traits":{"a":1,"a":2}}]}"#,
        #"{"batch":[],"batch":[]}"#,
        #"{"batch":[{"prénom":"Ada"}]}"#,
        #"{"batch":[{"\u0061":1}]}"#,
        #"{"batch":[{"a":"\u+abc"}]}"#,
        #"{"batch":[{"a":"\x"}]}"#,
        "{\"batch\":[\"\u{01}\"]}",
        #"{"batch":["#,
        "{\"batch\":" + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}",
    ]

    @Test(arguments: declinedBodies)
    func declinesWhatItCannotBeSureOf(body: String) {
        #expect(TrackingBodyScanner.facts(of: Array(body.utf8), call: .batch) == nil)
    }

    @Test func declinesInvalidUTF8() {
        let body = Array(#"{"batch":[{"a":""#.utf8) + [0xC3, 0x28] + Array(#""}]}"#.utf8)
        #expect(TrackingBodyScanner.facts(of: body, call: .batch) == nil)
    }

    @Test func findsARepeatedKeyAmongMany() throws {
        let keys = (0..<40).map { "\"key\($0)\":\($0)" }
        try Self.expectAgreement(#"{"batch":[{"# + keys.joined(separator: ",") + "}]}")
        let repeated = #"{"batch":[{"# + (keys + [#""key3":0"#]).joined(separator: ",") + "}]}"
        #expect(TrackingBodyScanner.facts(of: Array(repeated.utf8), call: .batch) == nil)
    }

    /// Numbers are measured from their text when the writer would write that text back, and
    /// through the writer otherwise: a spread of literals must all measure as the tree does.
    @Test func measuresNumbersAsTheWriterWritesThem() throws {
        var state: UInt64 = 1
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        func digits(_ count: Int, leadingNonZero: Bool) -> String {
            String((0..<count).map { index in Character(String(index == 0 && leadingNonZero ? 1 + next(9) : next(10))) })
        }
        var literals: [String] = []
        for _ in 0..<3_000 {
            var literal = next(2) == 0 ? "-" : ""
            literal += next(4) == 0 ? "0" : digits(1 + next(20), leadingNonZero: true)
            if next(3) > 0 { literal += "." + String(repeating: "0", count: next(2) * next(6)) + digits(1 + next(18), leadingNonZero: false) }
            if next(5) == 0 { literal += ["e", "E"][next(2)] + ["", "+", "-"][next(3)] + digits(1 + next(3), leadingNonZero: false) }
            literals.append(literal)
        }
        let body = Array((#"{"batch":["# + literals.map { #"{"n":\#($0)}"# }.joined(separator: ",") + "]}").utf8)
        let scanned = try #require(TrackingBodyScanner.facts(of: body, call: .batch))
        #expect(scanned == (try Self.treeFacts(body, call: .batch)))
    }
}
