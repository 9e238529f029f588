import Testing
@testable import BackflowCore

@Suite struct DeliveryRetryPolicyTests {
    let policy = RetryPolicy()

    @Test(arguments: [200, 201, 204, 299])
    func successStatusesAreDelivered(status: Int) {
        #expect(policy.verdict(for: .success(.status(status))) == .delivered)
    }

    @Test(arguments: [408, 500, 502, 503, 504, 599])
    func transientStatusesAreRetriedWithoutServerWait(status: Int) {
        let verdict = policy.verdict(for: .success(.status(status, retryAfter: 9, body: "busy")))
        let code: FailureCode = status == 408 ? .network : .serverError
        #expect(verdict == .retryable(reason: "HTTP \(status): busy", code: code, status: status, retryAfter: nil))
    }

    @Test func tooManyRequestsIsRetriedWithTheServersWait() {
        let verdict = policy.verdict(for: .success(.status(429, retryAfter: 7)))
        #expect(verdict == .retryable(reason: "HTTP 429", code: .rateLimited, status: 429, retryAfter: 7))
    }

    @Test func noAnswerIsRetried() {
        let verdict = policy.verdict(for: .failure(TransportError(reason: "connection reset")))
        #expect(verdict == .retryable(reason: "no answer: connection reset", code: .network, status: nil, retryAfter: nil))
    }

    @Test(arguments: [400, 401, 403, 404, 413, 501, 302])
    func otherStatusesArePermanentAndNameTheStatusAndBody(status: Int) {
        let verdict = policy.verdict(for: .success(.status(status, body: "  {\"error\":\"nope\"}")))
        let code: FailureCode = [401, 403].contains(status) ? .unauthorized : status == 501 ? .serverError : .rejected
        #expect(verdict == .permanent(reason: "HTTP \(status): {\"error\":\"nope\"}", code: code))
    }

    @Test func longBodiesAreCutInTheReason() {
        let verdict = policy.verdict(for: .success(.status(400, body: String(repeating: "e", count: 1_000))))
        #expect(verdict == .permanent(reason: "HTTP 400: " + String(repeating: "e", count: 200), code: .rejected))
    }

    @Test func backoffCeilingDoublesFromHalfASecondUpToThirtySeconds() {
        let ceilings = (1...9).map { policy.backoffCeiling(beforeRetry: $0) }
        #expect(ceilings == [0.5, 1, 2, 4, 8, 16, 30, 30, 30].map { Duration.milliseconds(Int64($0 * 1000)) })
        #expect(policy.backoffCeiling(beforeRetry: 500) == .seconds(30))
    }

    @Test func jitteredDelaysSpreadOverTheWholeRangeUnderTheCeiling() {
        var random = DemoRandom(seed: 7)
        let delays = (0..<400).map { _ in policy.delay(beforeRetry: 4, retryAfter: nil, using: &random) }
        #expect(delays.allSatisfy { $0 >= .zero && $0 <= .seconds(4) })
        #expect(delays.min()! < .milliseconds(400))
        #expect(delays.max()! > .milliseconds(3_600))
    }

    @Test func theSameSeedGivesTheSameDelays() {
        var first = DemoRandom(seed: 3)
        var second = DemoRandom(seed: 3)
        let one = (1...8).map { policy.delay(beforeRetry: $0, retryAfter: nil, using: &first) }
        let two = (1...8).map { policy.delay(beforeRetry: $0, retryAfter: nil, using: &second) }
        #expect(one == two)
    }

    @Test func serverWaitIsAFloorOnTheDelay() {
        var random = DemoRandom(seed: 11)
        for _ in 0..<50 {
            let delay = policy.delay(beforeRetry: 1, retryAfter: 5, using: &random)
            #expect(delay == .seconds(5))
        }
        #expect(policy.delay(beforeRetry: 1, retryAfter: 0.0015, using: &random) <= .milliseconds(500))
    }

    @Test func serverWaitIsCappedAtSixtySeconds() {
        var random = DemoRandom(seed: 11)
        #expect(policy.delay(beforeRetry: 1, retryAfter: 3_600, using: &random) == .seconds(60))
    }

    @Test func budgetRunsOutAfterItsRetries() {
        var budget = RetryBudget(policy: RetryPolicy(retryBudget: 2))
        let granted = [budget.spend(waiting: .seconds(1)), budget.spend(waiting: .seconds(1)), budget.spend(waiting: .zero)]
        #expect(granted == [true, true, false])
    }

    @Test func budgetRunsOutWhenTheTotalWaitWouldExceedIt() {
        var budget = RetryBudget(policy: RetryPolicy(backoffBudget: .seconds(10)))
        let granted = [
            budget.spend(waiting: .seconds(6)), budget.spend(waiting: .seconds(5)), budget.spend(waiting: .seconds(4)),
        ]
        #expect(granted == [true, false, true])
        #expect(budget.retriesLeft == 998)
    }
}
