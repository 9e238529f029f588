@testable import BackflowCore
import BackflowSink
import Testing

@Suite("HTTP transport against the sink")
struct HTTPTransportTests {
    let transport = HTTPClientTransport(timeout: 30)

    @Test func deliversABatchThatTheSinkStoresAndCounts() async throws {
        try await withSink { sink in
            let messages = (1...3).map { TestMessages.identify("u-\($0)", messageId: "m-\($0)") }
            let response = try await transport.send(TestMessages.batchRequest(sink, messages))
            #expect(response.status == 200)
            #expect(response.bodyExcerpt == #"{"success":true}"#)
            #expect(await sink.server.stats.acceptedMessages == 3)
            let stored = await sink.server.acceptedMessages()
            #expect(stored.compactMap { $0.objectValue?["userId"]?.stringValue } == ["u-1", "u-2", "u-3"])
        }
    }

    @Test func gzipsABodyWhenThatMakesItSmaller() async throws {
        try await withSink { sink in
            let messages = (1...200).map { TestMessages.identify("user-\($0)", messageId: "m-\($0)") }
            let request = TestMessages.batchRequest(sink, messages)
            let response = try await transport.send(request)
            #expect(response.status == 200)
            let stats = await sink.server.stats
            #expect(stats.acceptedMessages == 200)
            #expect(stats.bytesReceived < request.body.count / 4)
        }
    }

    @Test func sendsABodyAsIsWhenGzipIsNotAllowed() async throws {
        try await withSink { sink in
            let messages = (1...50).map { TestMessages.identify("user-\($0)") }
            let request = TestMessages.batchRequest(sink, messages, allowsGzip: false)
            let response = try await transport.send(request)
            #expect(response.status == 200)
            #expect(await sink.server.stats.bytesReceived == request.body.count)
        }
    }

    @Test func reusesOneKeptAliveConnectionForSuccessiveBatches() async throws {
        try await withSink { sink in
            for index in 1...4 {
                _ = try await transport.send(TestMessages.batchRequest(sink, [TestMessages.identify("u-\(index)")]))
            }
            let stats = await sink.server.stats
            #expect(stats.requests == 4)
            #expect(stats.connections == 1)
        }
    }

    @Test func readsRetryAfterFromAnInjected429() async throws {
        let faults = SinkFaults(failRate: 1, failStatus: 429, retryAfterSeconds: 7)
        try await withSink(SinkConfiguration(faults: faults)) { sink in
            let response = try await transport.send(TestMessages.batchRequest(sink, [TestMessages.identify("u-1")]))
            #expect(response.status == 429)
            #expect(response.retryAfter == 7)
            #expect(await sink.server.stats.acceptedMessages == 0)
        }
    }

    @Test func reportsAnInjected500WithoutRetryAfter() async throws {
        try await withSink(SinkConfiguration(faults: SinkFaults(failRate: 1, failStatus: 500))) { sink in
            let response = try await transport.send(TestMessages.batchRequest(sink, [TestMessages.identify("u-1")]))
            #expect(response.status == 500)
            #expect(response.retryAfter == nil)
            #expect(await sink.server.stats.injectedFailures == 1)
        }
    }

    @Test func aDroppedConnectionIsATransportErrorWithoutTheWriteKey() async throws {
        try await withSink(SinkConfiguration(faults: SinkFaults(dropRate: 1))) { sink in
            let error = await #expect(throws: TransportError.self) {
                try await transport.send(TestMessages.batchRequest(sink, [TestMessages.identify("u-1")]))
            }
            #expect(error?.reason == "127.0.0.1 dropped the connection without an answer")
            #expect(error.map { !$0.reason.contains(testWriteKey) } ?? false)
            #expect(await sink.server.stats.droppedConnections == 1)
        }
    }

    @Test func aRefusedConnectionIsATransportError() async throws {
        // Port 1 (tcpmux) has no listener here; a port freed by a stopped sink could be reused by a
        // test running alongside.
        let request = BatchRequest(
            url: "http://127.0.0.1:1/v1/batch", writeKey: testWriteKey,
            body: TestMessages.batchBody([TestMessages.identify("u-1")]))
        let error = await #expect(throws: TransportError.self) { try await transport.send(request) }
        #expect(error?.reason == "127.0.0.1 refused the connection")
    }

    @Test func aReceiverThatDoesNotSpeakTLSFailsTheTLSConnection() async throws {
        try await withSink { sink in
            let request = BatchRequest(
                url: "https://127.0.0.1:\(sink.port)/v1/batch", writeKey: testWriteKey,
                body: TestMessages.batchBody([TestMessages.identify("u-1")]))
            let error = await #expect(throws: TransportError.self) { try await transport.send(request) }
            #expect(error?.reason == "the TLS connection to 127.0.0.1 failed (NIOSSLError)")
        }
    }

    @Test func aSlowAnswerTimesOutAsATransportError() async throws {
        let impatient = HTTPClientTransport(timeout: 0.05)
        try await withSink(SinkConfiguration(faults: SinkFaults(slowMilliseconds: 150))) { sink in
            let error = await #expect(throws: TransportError.self) {
                try await impatient.send(TestMessages.batchRequest(sink, [TestMessages.identify("u-1")]))
            }
            #expect(error?.reason.contains("timed out") == true)
            #expect(error.map { !$0.reason.contains(testWriteKey) } ?? false)
        }
    }

    @Test func refusesPlainHTTPToARemoteHostBeforeConnecting() async {
        let request = BatchRequest(url: "http://example.com/v1/batch", writeKey: testWriteKey, body: Array("{}".utf8))
        let error = await #expect(throws: TransportError.self) { try await transport.send(request) }
        #expect(error?.reason == "refusing to send over plain http to example.com: only loopback receivers may use http")
    }

    @Test func sendsJSONWithTheUserAgentAndTheWriteKeyAsBasicAuth() async throws {
        try await withScriptedReceiver(answering: ScriptedAnswer(status: .ok)) { receiver in
            let request = BatchRequest(url: receiver.url, writeKey: "abc", body: Array("{}".utf8), allowsGzip: false)
            _ = try await transport.send(request)
            let head = try #require(await receiver.log.heads.first)
            #expect(head.method == .POST)
            #expect(head.headers["Content-Type"] == ["application/json"])
            #expect(head.headers["User-Agent"] == ["backflow/0.1"])
            #expect(head.headers["Authorization"] == ["Basic YWJjOg=="])
            #expect(head.headers["Content-Encoding"].isEmpty)
        }
    }

    @Test func aRedirectIsTheAnswerAndIsNotFollowed() async throws {
        let redirect = ScriptedAnswer(status: .temporaryRedirect, headers: [("Location", "/v1/elsewhere")])
        try await withScriptedReceiver(answering: redirect) { receiver in
            let request = BatchRequest(url: receiver.url, writeKey: testWriteKey, body: Array("{}".utf8))
            let response = try await transport.send(request)
            #expect(response.status == 307)
            #expect(await receiver.log.heads.map(\.uri) == ["/v1/batch"])
        }
    }

    @Test func keepsTheStartOfALongAnswerAndReusesTheConnectionAfterIt() async throws {
        let answer = ScriptedAnswer(status: .badRequest, body: String(repeating: "x", count: 5_000))
        try await withScriptedReceiver(answering: answer) { receiver in
            let request = BatchRequest(url: receiver.url, writeKey: testWriteKey, body: Array("{}".utf8))
            let first = try await transport.send(request)
            let second = try await transport.send(request)
            #expect(first.bodyExcerpt == String(repeating: "x", count: 512))
            #expect(second.status == 400)
            #expect(await receiver.log.connections == 1)
        }
    }

    @Test func basicAuthorizationEncodesTheKeyWithItsColon() {
        #expect(HTTPClientTransport.basicAuthorization(writeKey: "abc") == "Basic YWJjOg==")
    }
}

@Suite("HTTP transport with concurrent senders")
struct HTTPConcurrentTransportTests {
    @Test func everyMessageFromConcurrentSendersIsStoredOnce() async throws {
        let transport = HTTPClientTransport(timeout: 30)
        try await withSink { sink in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for sender in 0..<6 {
                    group.addTask {
                        var statuses = 0
                        for batch in 0..<5 {
                            let messages = (0..<40).map { TestMessages.identify("u", messageId: "m-\(sender)-\(batch)-\($0)") }
                            statuses += try await transport.send(TestMessages.batchRequest(sink, messages)).status
                        }
                        return statuses
                    }
                }
                for try await statuses in group { #expect(statuses == 5 * 200) }
            }
            let stats = await sink.server.stats
            #expect(stats.acceptedMessages == 6 * 5 * 40)
            #expect(stats.duplicateMessages == 0)
            #expect(Set(await sink.server.acceptedMessages().compactMap { $0.objectValue?["messageId"] }).count == 1_200)
        }
    }
}

@Suite("HTTP delivery to a loopback receiver")
struct HTTPLoopbackDeliveryTests {
    @Test func aDelivererSendsItsBodiesUncompressed() async throws {
        let transport = HTTPClientTransport(timeout: 30)
        try await withSink { sink in
            let body = TestMessages.batchBody((1...200).map { TestMessages.identify("user-\($0)", messageId: "m-\($0)") })
            let deliverer = BatchDeliverer<Int>(
                transport: transport, url: sink.batchURL, writeKey: testWriteKey,
                rateLimiter: RequestRateLimiter(requestsPerSecond: 100), report: { _ in })
            await deliverer.submit(ReadyBatch(body: body, tags: [1]))
            await deliverer.finish()
            let stats = await sink.server.stats
            #expect(stats.acceptedMessages == 200)
            #expect(stats.bytesReceived == body.count)
        }
    }
}
