import BackflowCore
import BackflowSink
import Testing

@Suite("Sink size limits")
struct SinkLimitTests {
    let transport = HTTPClientTransport(timeout: 30)

    private func message(ofSize size: Int, userId: String) -> JSONValue {
        var message = TestMessages.identify(userId).objectValue!
        message["traits"] = ["note": ""]
        let base = JSONWriter.compactByteCount(.object(message))
        message["traits"] = ["note": .string(String(repeating: "x", count: size - base))]
        return .object(message)
    }

    @Test func aMessageOver32KBFailsTheWholeBatchWith400() async throws {
        try await withSink { sink in
            let oversized = message(ofSize: TrackingAPILimits.maximumMessageBytes + 1, userId: "u-big")
            let request = TestMessages.batchRequest(sink, [TestMessages.identify("u-1"), oversized])
            let response = try await transport.send(request)
            #expect(response.status == 400)
            #expect(response.bodyExcerpt.contains("batch[1] is 32769 bytes, over the 32768-byte limit"))
            #expect(await sink.server.stats.acceptedMessages == 0)
        }
    }

    @Test func aMessageOfExactly32KBIsAccepted() async throws {
        try await withSink { sink in
            let atLimit = message(ofSize: TrackingAPILimits.maximumMessageBytes, userId: "u-edge")
            #expect(JSONWriter.compactByteCount(atLimit) == TrackingAPILimits.maximumMessageBytes)
            let response = try await transport.send(TestMessages.batchRequest(sink, [atLimit]))
            #expect(response.status == 200)
        }
    }

    @Test func aBatchBodyOver500000BytesIs400() async throws {
        try await withSink { sink in
            let messages = (0..<16).map { message(ofSize: 32_000, userId: "u-\($0)") }
            let request = TestMessages.batchRequest(sink, messages, allowsGzip: false)
            #expect(request.body.count > TrackingAPILimits.maximumBatchBytes)
            let response = try await transport.send(request)
            #expect(response.status == 400)
            #expect(response.bodyExcerpt.contains("the batch body is \(request.body.count) bytes, over the 500000-byte limit"))
        }
    }

    @Test func aGzippedBatchThatInflatesOver500000BytesIs400() async throws {
        try await withSink { sink in
            let messages = (0..<16).map { message(ofSize: 32_000, userId: "u-\($0)") }
            let response = try await transport.send(TestMessages.batchRequest(sink, messages, allowsGzip: true))
            #expect(response.status == 400)
            #expect(await sink.server.stats.bytesReceived < TrackingAPILimits.maximumBatchBytes)
        }
    }

    @Test func messagesPastThe2500thAreDroppedWithA200() async throws {
        try await withSink(SinkConfiguration(keepsMessagesInMemory: false)) { sink in
            let messages = (0..<2_510).map { JSONValue.object(["type": "identify", "userId": .string("u\($0)")]) }
            let response = try await transport.send(TestMessages.batchRequest(sink, messages))
            #expect(response.status == 200)
            let stats = await sink.server.stats
            #expect(stats.acceptedMessages == 2_500)
            #expect(stats.droppedByReason == ["over_batch_message_limit": 10])
        }
    }

    @Test func bodyThatIsNotJSONIs400() async throws {
        try await withSink { sink in
            let request = BatchRequest(url: sink.batchURL, writeKey: testWriteKey, body: Array("{batch:".utf8))
            let response = try await transport.send(request)
            #expect(response.status == 400)
        }
    }

    @Test func aBodyWithoutABatchArrayIs400() async throws {
        try await withSink { sink in
            let request = BatchRequest(url: sink.batchURL, writeKey: testWriteKey, body: Array(#"{"messages":[]}"#.utf8))
            let response = try await transport.send(request)
            #expect(response.status == 400)
            #expect(response.bodyExcerpt.contains(#"the body needs a \"batch\" array"#))
        }
    }
}
