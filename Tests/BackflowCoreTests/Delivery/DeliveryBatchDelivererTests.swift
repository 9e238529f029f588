import Testing
@testable import BackflowCore

@Suite struct DeliveryBatchDelivererTests {
    let clock = TestDeliveryClock()
    let log = DeliveryEventLog()

    func deliverer(
        _ transport: any TrackingAPITransport,
        policy: RetryPolicy = RetryPolicy(),
        maximumInFlight: Int = 4,
        clock: TestDeliveryClock? = nil
    ) -> BatchDeliverer<Int> {
        let clock = clock ?? self.clock
        let log = log
        return BatchDeliverer(
            transport: transport, url: "https://api.segment.io/v1/batch", writeKey: "wk",
            rateLimiter: RequestRateLimiter(requestsPerSecond: 1_000, burst: 1_000, clock: clock),
            retryPolicy: policy, maximumInFlight: maximumInFlight, clock: clock,
            random: DemoRandom(seed: 5), report: { await log.append($0) }
        )
    }

    @Test func requestCarriesTheEndpointKeyAndBody() async {
        let transport = ScriptedTransport()
        let sender = deliverer(transport)
        await sender.submit(.tagged([1, 2]))
        await sender.finish()
        let request = await transport.requests.first
        #expect(request?.url == "https://api.segment.io/v1/batch")
        #expect(request?.writeKey == "wk")
        #expect(request?.body == Array(#"{"batch":[]}"#.utf8))
        #expect(await log.deliveredTags == [1, 2])
    }

    @Test func serverErrorIsRetriedThenDelivered() async {
        let transport = ScriptedTransport([.success(.status(500, body: "oops"))])
        let sender = deliverer(transport)
        await sender.submit(.tagged([1]))
        await sender.finish()
        #expect(await transport.requests.count == 2)
        let retries = await log.retries
        #expect(retries.map(\.attempt) == [1])
        #expect(retries.first?.status == 500)
        #expect(retries.first?.reason == "HTTP 500: oops")
        #expect(clock.sleeps == retries.map(\.delay))
        #expect(await log.deliveredTags == [1])
    }

    @Test func droppedConnectionIsRetriedThenDelivered() async {
        let transport = ScriptedTransport([.failure(TransportError(reason: "connection reset"))])
        let sender = deliverer(transport)
        await sender.submit(.tagged([1]))
        await sender.finish()
        #expect(await log.retries.first?.status == nil)
        #expect(await log.deliveredTags == [1])
    }

    @Test func tooManyRequestsWaitsAtLeastTheServersRetryAfter() async {
        let transport = ScriptedTransport([.success(.status(429, retryAfter: 7))])
        let sender = deliverer(transport)
        await sender.submit(.tagged([1]))
        await sender.finish()
        #expect(clock.sleeps.count == 1)
        #expect(clock.sleeps.allSatisfy { $0 >= .seconds(7) })
        #expect(await log.deliveredTags == [1])
    }

    @Test func badRequestFailsTheBatchAtOnce() async {
        let transport = ScriptedTransport([.success(.status(400, body: "Invalid JSON"))])
        let sender = deliverer(transport)
        await sender.submit(.tagged([1, 2]))
        await sender.finish()
        #expect(await transport.requests.count == 1)
        let failures = await log.failures
        #expect(failures.map(\.tags) == [[1, 2]])
        #expect(failures.map(\.reason) == ["HTTP 400: Invalid JSON"])
    }

    @Test func batchFailsAfterItsLastAttempt() async {
        let transport = ScriptedTransport([.success(.status(200))] + Array(repeating: .success(.status(503)), count: 10))
        let sender = deliverer(transport, policy: RetryPolicy(maximumAttempts: 3), maximumInFlight: 1)
        await sender.submit(.tagged([0]))
        await sender.submit(.tagged([1]))
        await sender.finish()
        #expect(await transport.requests.count == 4)
        let failures = await log.failures
        #expect(failures.map(\.reason) == ["gave up after 3 attempts; last answer: HTTP 503"])
        #expect(failures.map(\.code) == [.serverError])
    }

    @Test func retriesStopForTheWholeRunWhenTheBudgetIsSpent() async {
        let transport = ScriptedTransport([.success(.status(200))] + Array(repeating: .success(.status(500)), count: 10))
        let sender = deliverer(transport, policy: RetryPolicy(retryBudget: 2), maximumInFlight: 1)
        await sender.submit(.tagged([0]))
        await sender.submit(.tagged([1]))
        await sender.submit(.tagged([2]))
        await sender.finish()
        #expect(await log.retries.count == 2)
        #expect(await transport.requests.count == 5)
        let failures = await log.failures
        #expect(failures.map(\.tags) == [[1], [2]])
        #expect(failures.allSatisfy { $0.reason == "retry budget exhausted; last answer: HTTP 500" })
    }

    @Test func neverMoreRequestsInFlightThanTheLimit() async {
        let transport = ScriptedTransport()
        let sender = deliverer(transport, maximumInFlight: 3)
        for tag in 0..<40 {
            await sender.submit(.tagged([tag]))
        }
        await sender.finish()
        #expect(await transport.mostInFlight <= 3)
        #expect(await transport.requests.count == 40)
    }

    @Test func submitWaitsWhileEverySlotIsTaken() async throws {
        let transport = GatedTransport()
        let sender = deliverer(transport, maximumInFlight: 2)
        await sender.submit(.tagged([1]))
        await sender.submit(.tagged([2]))
        let third = Task { await sender.submit(.tagged([3])) }
        try await waitUntil { await transport.heldCount == 2 }
        for _ in 0..<50 {
            await Task.yield()
        }
        #expect(await transport.heldCount == 2)
        await transport.releaseOne()
        await third.value
        try await waitUntil { await transport.heldCount == 2 }
        await transport.releaseAll()
        await sender.finish()
        #expect(await log.deliveredTags.sorted() == [1, 2, 3])
    }

    @Test func everyTagIsReportedExactlyOnceWhateverTheAnswers() async {
        var random = DemoRandom(seed: 99)
        let answers: [Result<BatchResponse, TransportError>] = [
            .success(.status(200)), .success(.status(500)), .success(.status(429, retryAfter: 1)),
            .success(.status(400)), .failure(TransportError(reason: "timed out")), .success(.status(503)),
        ]
        let script = [.success(.status(200))] + (0..<300).map { _ in answers[random.int(in: 0...(answers.count - 1))] }
        let transport = ScriptedTransport(script)
        let sender = deliverer(transport, policy: RetryPolicy(maximumAttempts: 3, retryBudget: 60))
        for batch in 0..<100 {
            await sender.submit(.tagged([batch * 3, batch * 3 + 1, batch * 3 + 2]))
        }
        await sender.finish()
        let reported = await log.deliveredTags + log.failures.flatMap(\.tags) + log.withheldTags
        #expect(reported.sorted() == Array(0..<300))
        #expect(await !log.failures.isEmpty)
    }

    @Test func cancellingFinishFailsTheBatchesStillRetrying() async throws {
        let sleepy = TestDeliveryClock(sleepsUntilCancelled: true)
        let transport = ScriptedTransport(Array(repeating: .success(.status(500)), count: 10))
        let sender = deliverer(transport, clock: sleepy)
        await sender.submit(.tagged([1]))
        await sender.submit(.tagged([2]))
        try await waitUntil { await log.retries.count == 2 }
        let finishing = Task { await sender.finish() }
        finishing.cancel()
        await finishing.value
        let failures = await log.failures
        #expect(failures.map(\.tags).sorted { $0[0] < $1[0] } == [[1], [2]])
        #expect(failures.allSatisfy {
            $0.reason == "the sync was cancelled before the batch was acknowledged; last answer: HTTP 500"
        })
    }

    @Test func submittingFromACancelledTaskFailsTheBatchWithoutSendingIt() async throws {
        let transport = GatedTransport()
        let sender = deliverer(transport, maximumInFlight: 1)
        await sender.submit(.tagged([1]))
        let second = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            await sender.submit(.tagged([2]))
        }
        await second.value
        #expect(await log.failures.map(\.tags) == [[2]])
        try await waitUntil { await transport.heldCount == 1 }
        await transport.releaseAll()
        await sender.finish()
        #expect(await log.deliveredTags == [1])
    }

    // MARK: A destination that is down

    @Test func aDestinationFailingEveryRequestIsDeclaredDownAfterTheFirstBatchsFewAttempts() async {
        let transport = ScriptedTransport(Array(repeating: .success(.status(500, body: "down")), count: 20))
        let sender = deliverer(transport, maximumInFlight: 1)
        for tag in 1...5 { await sender.submit(.tagged([tag])) }
        await sender.finish()
        #expect(await transport.requests.count == RetryPolicy().attemptsWhileUnproven)
        #expect(await log.outages == [DestinationOutage(code: .serverError, lastAnswer: "HTTP 500: down")])
        #expect(await log.withheldTags == [1, 2, 3, 4, 5])
        #expect(await log.failures.isEmpty)
    }

    @Test func aRefusedWriteKeyIsNotRetriedAndDeclaresTheDestinationDown() async {
        let transport = ScriptedTransport(Array(repeating: .success(.status(401, body: "bad key")), count: 20))
        let sender = deliverer(transport, maximumInFlight: 1)
        await sender.submit(.tagged([1]))
        await sender.submit(.tagged([2]))
        await sender.finish()
        #expect(await transport.requests.count == 1)
        #expect(await log.retries.isEmpty)
        #expect(await log.outages.map(\.code) == [.unauthorized])
        #expect(await log.withheldTags == [1, 2])
    }

    @Test func noAnswerToAnyRequestDeclaresTheDestinationDownAsANetworkOutage() async {
        let transport = ScriptedTransport(Array(repeating: .failure(TransportError(reason: "refused")), count: 20))
        let sender = deliverer(transport)
        await sender.submit(.tagged([1]))
        await sender.finish()
        #expect(await log.outages == [DestinationOutage(code: .network, lastAnswer: "no answer: refused")])
        #expect(await log.withheldTags == [1])
    }

    @Test func onceARequestWasAcceptedTheNormalRetryPolicyApplies() async {
        let transport = ScriptedTransport([.success(.status(200))] + Array(repeating: .success(.status(500)), count: 5))
        let sender = deliverer(transport, maximumInFlight: 1)
        await sender.submit(.tagged([1]))
        await sender.submit(.tagged([2]))
        await sender.finish()
        #expect(await transport.requests.count == 7)
        #expect(await log.outages.isEmpty)
        #expect(await log.deliveredTags == [1, 2])
    }

    @Test func aRefusedWriteKeyAfterAnAcceptedRequestFailsOnlyItsBatch() async {
        let transport = ScriptedTransport([.success(.status(200)), .success(.status(403))])
        let sender = deliverer(transport, maximumInFlight: 1)
        await sender.submit(.tagged([1]))
        await sender.submit(.tagged([2]))
        await sender.submit(.tagged([3]))
        await sender.finish()
        #expect(await log.outages.isEmpty)
        #expect(await log.failures.map(\.code) == [.unauthorized])
        #expect(await log.deliveredTags == [1, 3])
    }

    @Test func deliverersOfOneRunShareWhatTheyLearnOfTheDestination() async {
        let health = DestinationHealth()
        let log = log
        let transport = ScriptedTransport(Array(repeating: .success(.status(401)), count: 20))
        let senders = ["a", "b"].map { key in
            BatchDeliverer<Int>(
                transport: transport, url: "https://api.segment.io/v1/batch", writeKey: key,
                rateLimiter: RequestRateLimiter(requestsPerSecond: 1_000, burst: 1_000, clock: clock),
                clock: clock, health: health, report: { await log.append($0) })
        }
        await senders[0].submit(.tagged([1]))
        await senders[0].finish()
        await senders[1].submit(.tagged([2]))
        await senders[1].finish()
        #expect(await transport.requests.count == 1)
        #expect(await log.outages.count == 1)
        #expect(await log.withheldTags == [1, 2])
    }

    /// Polls until `condition` holds, yielding between checks; fails after many tries instead of hanging.
    func waitUntil(_ condition: () async -> Bool) async throws {
        for _ in 0..<100_000 {
            if await condition() { return }
            await Task.yield()
        }
        Issue.record("condition never became true")
        throw CancellationError()
    }
}
