/// Time as delivery sees it: a monotonic reading and a cancellable sleep. Injected so that pacing and
/// backoff can be tested without waiting.
public protocol DeliveryClock: Sendable {
    /// Time elapsed since an arbitrary fixed origin; only differences matter.
    func now() -> Duration
    /// Throws `CancellationError` when the task is cancelled during the sleep.
    func sleep(for duration: Duration) async throws
}

/// The real clock: `ContinuousClock`, which keeps counting while the machine sleeps.
public struct ContinuousDeliveryClock: DeliveryClock {
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant

    public init() {
        origin = clock.now
    }

    public func now() -> Duration {
        origin.duration(to: clock.now)
    }

    public func sleep(for duration: Duration) async throws {
        try await clock.sleep(for: duration)
    }
}
