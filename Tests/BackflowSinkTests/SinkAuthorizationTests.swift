import BackflowCore
import BackflowSink
import Foundation
import Testing

@Suite("Sink authorization")
struct SinkAuthorizationTests {
    let transport = HTTPClientTransport(timeout: 30)

    @Test func aRequestWithoutAnyWriteKeyIsUnauthorized() async throws {
        try await withSink { sink in
            let answer = try await rawPost(
                sink.batchURL, headers: ["Content-Type": "application/json"],
                body: TestMessages.batchBody([TestMessages.identify("u-1")]))
            #expect(answer.status == 401)
            let stats = await sink.server.stats
            #expect(stats.acceptedMessages == 0)
            #expect(stats.rejectedRequests == 1)
        }
    }

    @Test func anEmptyWriteKeyIsUnauthorized() async throws {
        try await withSink { sink in
            let response = try await transport.send(TestMessages.batchRequest(sink, [TestMessages.identify("u-1")], writeKey: ""))
            #expect(response.status == 401)
        }
    }

    @Test func onlyTheAcceptedWriteKeyGetsInWhenOneIsSet() async throws {
        try await withSink(SinkConfiguration(acceptedWriteKey: testWriteKey)) { sink in
            let wrong = try await transport.send(TestMessages.batchRequest(sink, [TestMessages.identify("u-1")], writeKey: "wk_other"))
            #expect(wrong.status == 401)
            #expect(!wrong.bodyExcerpt.contains("wk_other"))
            let right = try await transport.send(TestMessages.batchRequest(sink, [TestMessages.identify("u-1")]))
            #expect(right.status == 200)
            #expect(await sink.server.stats.acceptedMessages == 1)
        }
    }

    @Test func aWriteKeyInTheBodyIsAcceptedAndNotStored() async throws {
        try await withSink { sink in
            let body = TestMessages.batchBody([TestMessages.identify("u-1")], extra: ["writeKey": .string(testWriteKey)])
            let answer = try await rawPost(sink.batchURL, headers: ["Content-Type": "application/json"], body: body)
            #expect(answer.status == 200)
            let stored = await sink.server.acceptedMessages()
            #expect(stored.count == 1)
            #expect(!JSONWriter.compact(.array(stored)).contains(testWriteKey))
        }
    }

    @Test func aMalformedAuthorizationHeaderIsUnauthorized() async throws {
        try await withSink { sink in
            let answer = try await rawPost(
                sink.batchURL, headers: ["Authorization": "Bearer abc"], body: TestMessages.batchBody([]))
            #expect(answer.status == 401)
        }
    }
}
