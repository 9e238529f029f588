/// Failures the sink injects on purpose so a sender's retries can be tested. Each tracking
/// request draws one number from a generator seeded with `seed`: below `dropRate` the connection
/// is closed without an answer; below `dropRate + failRate` it is answered with `failStatus`.
/// Either way nothing from that request is stored.
public struct SinkFaults: Sendable, Equatable {
    /// The statuses a fault may answer with: rate limited, server error, unavailable.
    public static let supportedStatuses: Set<Int> = [429, 500, 503]

    public var failRate: Double
    public var failStatus: Int
    /// Sent as `Retry-After` (and `X-RateLimit-Reset`) on an injected 429.
    public var retryAfterSeconds: Int
    public var dropRate: Double
    /// Every tracking request is answered this much later.
    public var slowMilliseconds: Int
    public var seed: UInt64

    public init(
        failRate: Double = 0, failStatus: Int = 500, retryAfterSeconds: Int = 1, dropRate: Double = 0,
        slowMilliseconds: Int = 0, seed: UInt64 = 1
    ) {
        self.failRate = failRate
        self.failStatus = failStatus
        self.retryAfterSeconds = retryAfterSeconds
        self.dropRate = dropRate
        self.slowMilliseconds = slowMilliseconds
        self.seed = seed
    }

    public static let none = SinkFaults()

    /// What is wrong with these settings, or nil when they can be used.
    var problem: String? {
        if !(0...1).contains(failRate) { return "--fail-rate must be between 0 and 1, not \(failRate)" }
        if !(0...1).contains(dropRate) { return "--drop-rate must be between 0 and 1, not \(dropRate)" }
        if failRate + dropRate > 1 { return "--fail-rate plus --drop-rate must not exceed 1" }
        if !Self.supportedStatuses.contains(failStatus) {
            return "--fail-status must be 429, 500 or 503, not \(failStatus)"
        }
        if retryAfterSeconds < 0 { return "--retry-after must not be negative" }
        if slowMilliseconds < 0 { return "--slow-ms must not be negative" }
        return nil
    }
}
