import BackflowCore
import BackflowSink
import Foundation
import Testing

@Suite("Sink messages")
struct SinkMessageTests {
    let transport = HTTPClientTransport(timeout: 30)

    @Test func aMessageWithoutUserIdOrAnonymousIdIsDroppedWithA200() async throws {
        try await withSink { sink in
            let anonymous: JSONValue = ["type": "identify", "traits": ["plan": "pro"]]
            let response = try await transport.send(TestMessages.batchRequest(sink, [anonymous, TestMessages.identify("u-1")]))
            #expect(response.status == 200)
            let stats = await sink.server.stats
            #expect(stats.acceptedMessages == 1)
            #expect(stats.droppedMessages == 1)
            #expect(stats.droppedByReason == ["no_user_anon_id": 1])
        }
    }

    @Test func aRepeatedMessageIdIsCountedAsDuplicateAndStoredOnce() async throws {
        try await withSink { sink in
            let messages = [TestMessages.identify("u-1", messageId: "m-1"), TestMessages.identify("u-2", messageId: "m-2")]
            _ = try await transport.send(TestMessages.batchRequest(sink, messages))
            let again = try await transport.send(TestMessages.batchRequest(sink, messages))
            #expect(again.status == 200)
            let stats = await sink.server.stats
            #expect(stats.acceptedMessages == 2)
            #expect(stats.duplicateMessages == 2)
            #expect(await sink.server.acceptedMessages().count == 2)
        }
    }

    @Test func messageIdsAreDeduplicatedPerWriteKey() async throws {
        try await withSink { sink in
            let messages = [TestMessages.identify("u-1", messageId: "m-1")]
            _ = try await transport.send(TestMessages.batchRequest(sink, messages, writeKey: "wk_space_a"))
            _ = try await transport.send(TestMessages.batchRequest(sink, messages, writeKey: "wk_space_b"))
            let stats = await sink.server.stats
            #expect(stats.acceptedMessages == 2)
            #expect(stats.duplicateMessages == 0)
        }
    }

    @Test func storedMessagesCarryReceivedAtAndTheKeyHashButNeverTheKey() async throws {
        try await withSink { sink in
            _ = try await transport.send(TestMessages.batchRequest(sink, [TestMessages.identify("u-1")]))
            let stored = try #require(await sink.server.acceptedMessages().first?.objectValue)
            #expect(stored["writeKeyHash"]?.stringValue?.count == 16)
            #expect(stored["receivedAt"]?.stringValue?.hasSuffix("Z") == true)
            #expect(!JSONWriter.compact(.object(stored)).contains(testWriteKey))
        }
    }

    @Test func theBatchContextAndIntegrationsApplyToEachMessage() async throws {
        try await withSink { sink in
            var own = TestMessages.identify("u-1").objectValue!
            own["context"] = ["locale": "fr-FR"]
            let body = TestMessages.batchBody(
                [.object(own)], extra: ["context": ["library": ["name": "backflow"], "locale": "en-US"], "integrations": ["All": false]])
            _ = try await transport.send(BatchRequest(url: sink.batchURL, writeKey: testWriteKey, body: body))
            let stored = try #require(await sink.server.acceptedMessages().first?.objectValue)
            #expect(stored["context"] == ["library": ["name": "backflow"], "locale": "fr-FR"])
            #expect(stored["integrations"] == ["All": false])
        }
    }

    @Test func aSingleTrackCallIsStoredWithItsType() async throws {
        try await withSink { sink in
            let body = Array(JSONWriter.compact(["userId": "u-1", "event": "Order Completed"]).utf8)
            let request = BatchRequest(url: sink.url("/v1/track"), writeKey: testWriteKey, body: body)
            let response = try await transport.send(request)
            #expect(response.status == 200)
            let stored = try #require(await sink.server.acceptedMessages().first?.objectValue)
            #expect(stored["type"] == "track")
            #expect(stored["event"] == "Order Completed")
        }
    }

    @Test func theOutputFileHoldsOneLinePerAcceptedMessageAndNoKey() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString).ndjson").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await withSink(SinkConfiguration(outputPath: path)) { sink in
            let messages = (1...3).map { TestMessages.identify("u-\($0)", messageId: "m-\($0)") }
            _ = try await transport.send(TestMessages.batchRequest(sink, messages))
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(try JSONReader.parse(String(lines[0])).objectValue?["messageId"] == "m-1")
        #expect(!text.contains(testWriteKey))
    }

    @Test func statsAnswerAsJSON() async throws {
        try await withSink { sink in
            _ = try await transport.send(TestMessages.batchRequest(sink, [TestMessages.identify("u-1")]))
            let answer = try await rawGet(sink.url("/stats"))
            #expect(answer.status == 200)
            let document = try JSONReader.parse(answer.body).objectValue
            #expect(document?["acceptedMessages"] == 1)
            #expect(document?["requests"] == 1)
        }
    }

    @Test func anUnknownPathIs404() async throws {
        try await withSink { sink in
            let answer = try await rawPost(sink.url("/v1/everything"), body: [])
            #expect(answer.status == 404)
        }
    }
}
