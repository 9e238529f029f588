/// Keeps the requests to one workspace under a rate, shared by every sender to that workspace.
///
/// A token bucket in its "theoretical arrival time" form: each request reserves the next free slot,
/// `1/rate` after the previous one, with up to `burst` requests allowed ahead of schedule. The slot is
/// reserved before sleeping, so concurrent callers queue in order rather than waking together.
public actor RequestRateLimiter {
    public let requestsPerSecond: Int
    public let burst: Int
    private let clock: any DeliveryClock
    private let interval: Duration
    private var nextSlot: Duration?

    /// - Parameters:
    ///   - requestsPerSecond: the workspace's `max_requests_per_second` (Segment's limit is 1,000/s).
    ///   - burst: requests that may go out back to back before the pacing applies.
    public init(requestsPerSecond: Int, burst: Int = 1, clock: any DeliveryClock = ContinuousDeliveryClock()) {
        precondition(requestsPerSecond > 0 && burst > 0, "a rate limit needs a positive rate and burst")
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
        self.clock = clock
        interval = .seconds(1) / requestsPerSecond
    }

    /// Returns when one more request may be sent; throws `CancellationError` if cancelled while waiting
    /// (the slot is then left unused, which only errs on the slow side).
    public func acquire() async throws(CancellationError) {
        if Task.isCancelled { throw CancellationError() }
        let now = clock.now()
        let slot = max(now, nextSlot ?? now)
        nextSlot = slot + interval
        let wait = slot - interval * (burst - 1) - now
        guard wait > .zero else { return }
        do {
            try await clock.sleep(for: wait)
        } catch {
            throw CancellationError()
        }
    }
}
