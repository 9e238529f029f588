import BackflowCore
@testable import BackflowSink
import Foundation
import Testing

/// The inspector reads a body with the scanner when the sink stores nothing, and parses it into
/// a tree when it stores messages: both must decide alike.
@Suite("Sink request inspector")
struct SinkInspectorTests {
    private static let authorization = "Basic " + Data("wk_test:".utf8).base64EncodedString()

    private static func request(_ call: TrackingCall, _ body: String, authorization: String? = authorization) -> TrackingRequest {
        TrackingRequest(
            call: call, authorization: authorization, contentEncoding: nil, body: Array(body.utf8),
            bodyByteCount: body.utf8.count, receivedAt: Date(timeIntervalSince1970: 1_800_000_000))
    }

    /// A verdict as text, for comparing two of them.
    private static func describe(_ verdict: TrackingVerdict) -> String {
        switch verdict {
        case .rejected(let status, let reason):
            "\(status) \(reason)"
        case .received(let received):
            "\(received.writeKeyFingerprint) valid \(received.valid.map { $0.messageId ?? "-" }) dropped \(received.dropReasons)"
        }
    }

    static let cases: [(TrackingCall, String)] = [
        (.batch, #"{"batch":[{"type":"identify","userId":"u","messageId":"m-1"},{"type":"track","userId":"u"},"x",{"type":"alias","userId":"u","previousId":"p"}]}"#),
        (.batch, #"{"batch":[{"type":"identify","userId":"u","traits":{"note":"\#(String(repeating: "x", count: 33_000))"}}]}"#),
        (.batch, #"{"batch":{"type":"identify"}}"#),
        (.batch, #"{"batch":[{"type":"identify","userId":"u"}"#),
        (.batch, #"[{"type":"identify","userId":"u"}]"#),
        (.batch, #"{"batch":[{"type":"identify","userId":"u","userId":""}]}"#),
        (.track, #"{"userId":"u","event":"E","messageId":"m-2","type":"identify"}"#),
        (.track, #"{"userId":"u"}"#),
        (.batch, "{\"batch\":[" + (0..<2_510).map { #"{"type":"identify","userId":"u\#($0)"}"# }.joined(separator: ",") + "]}"),
    ]

    @Test(arguments: cases)
    func decidesAlikeWhetherOrNotItStoresMessages(call: TrackingCall, body: String) {
        let scanning = TrackingRequestInspector(acceptedWriteKey: nil, storesMessages: false)
        let parsing = TrackingRequestInspector(acceptedWriteKey: nil, storesMessages: true)
        #expect(Self.describe(scanning.inspect(Self.request(call, body))) == Self.describe(parsing.inspect(Self.request(call, body))))
    }

    @Test func theBodysWriteKeyAuthorizesWhenNoHeaderDoes() {
        let inspector = TrackingRequestInspector(acceptedWriteKey: "wk_body", storesMessages: false)
        let verdict = inspector.inspect(
            Self.request(.batch, #"{"writeKey":"wk_body","batch":[{"type":"identify","userId":"u"}]}"#, authorization: nil))
        #expect(Self.describe(verdict) == "\(WriteKeyFingerprint.of("wk_body")) valid [\"-\"] dropped []")
    }

    @Test func storedMessagesAreBuiltOnlyWhenTheSinkStoresThem() throws {
        let body = #"{"batch":[{"type":"identify","userId":"u","writeKey":"wk_test"}],"context":{"locale":"fr"}}"#
        guard case .received(let scanned) = TrackingRequestInspector(acceptedWriteKey: nil, storesMessages: false).inspect(Self.request(.batch, body)),
            case .received(let parsed) = TrackingRequestInspector(acceptedWriteKey: nil, storesMessages: true).inspect(Self.request(.batch, body))
        else {
            Issue.record("the request was rejected")
            return
        }
        #expect(scanned.valid.first?.stored == nil)
        let line = try #require(parsed.valid.first?.stored?.line)
        let fingerprint = WriteKeyFingerprint.of("wk_test")
        #expect(line == #"{"type":"identify","userId":"u","context":{"locale":"fr"},"receivedAt":"2027-01-15T08:00:00.000Z","writeKeyHash":"\#(fingerprint)"}"#)
    }
}
