import Testing
@testable import BackflowCore

@Suite struct DeliveryRateLimiterTests {
    @Test func requestsAreSpacedByOneOverTheRate() async throws {
        let clock = TestDeliveryClock()
        let limiter = RequestRateLimiter(requestsPerSecond: 500, clock: clock)
        let times = try await grantTimes(of: 6, from: limiter, on: clock)
        #expect(times == (0..<6).map { .milliseconds(2 * $0) })
    }

    @Test func aBurstGoesOutAtOnceThenPacingApplies() async throws {
        let clock = TestDeliveryClock()
        let limiter = RequestRateLimiter(requestsPerSecond: 10, burst: 3, clock: clock)
        let times = try await grantTimes(of: 5, from: limiter, on: clock)
        #expect(times == [.zero, .zero, .zero, .milliseconds(100), .milliseconds(200)])
    }

    @Test func anIdleLimiterDoesNotWait() async throws {
        let clock = TestDeliveryClock()
        let limiter = RequestRateLimiter(requestsPerSecond: 2, clock: clock)
        try await limiter.acquire()
        clock.advance(by: .seconds(5))
        try await limiter.acquire()
        #expect(clock.sleeps.isEmpty)
    }

    @Test func noOneSecondWindowHoldsMoreThanTheRate() async throws {
        let clock = TestDeliveryClock()
        let limiter = RequestRateLimiter(requestsPerSecond: 100, clock: clock)
        let times = try await grantTimes(of: 350, from: limiter, on: clock)
        for (index, start) in times.enumerated() {
            #expect(times[index...].prefix { $0 < start + .seconds(1) }.count <= 100)
        }
    }

    @Test func cancelledWaiterThrows() async {
        let limiter = RequestRateLimiter(requestsPerSecond: 1, clock: TestDeliveryClock(sleepsUntilCancelled: true))
        let waiter = Task {
            try await limiter.acquire()
            try await limiter.acquire()
        }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
    }

    /// The virtual time at which each of `count` successive requests was let through.
    func grantTimes(of count: Int, from limiter: RequestRateLimiter, on clock: TestDeliveryClock) async throws -> [Duration] {
        var times: [Duration] = []
        for _ in 0..<count {
            try await limiter.acquire()
            times.append(clock.now())
        }
        return times
    }
}
