/// What one answer (or the lack of one) means for a batch.
public enum DeliveryVerdict: Sendable, Equatable {
    case delivered
    /// Worth another attempt; `retryAfter` is the server's requested wait in seconds, if it gave one.
    case retryable(reason: String, code: FailureCode, status: Int?, retryAfter: Double?)
    /// Resending the same body can only get the same answer (401 and 403 included: the write key is
    /// refused, whatever the body).
    case permanent(reason: String, code: FailureCode)
}

/// When to retry a batch and how long to wait first.
///
/// Statuses: 2xx is delivered; 408, 429 and 5xx other than 501 are transient, like a request that got no
/// answer; every other status is permanent (the Tracking API answers 400 to oversized or malformed bodies).
/// Waits grow exponentially with full jitter (a uniformly random wait between zero and the exponential
/// ceiling) so that concurrent senders spread out instead of retrying in step; a `Retry-After` on 429 is
/// a floor, bounded so that a hostile or confused server cannot stall a run. Until the run's destination
/// has accepted a request, a batch gets only ``attemptsWhileUnproven`` attempts (see ``DestinationHealth``).
public struct RetryPolicy: Sendable, Equatable {
    public var baseDelay: Duration
    public var multiplier: Int
    public var maximumDelay: Duration
    /// The most a server's `Retry-After` is honoured.
    public var maximumRetryAfter: Duration
    /// Attempts per batch, the first one included.
    public var maximumAttempts: Int
    /// Attempts of a batch failing for a destination-level reason, before any request of the run was
    /// accepted, after which the destination is declared down: small, so that a dead endpoint stops a
    /// run in seconds (the waits before them are the first, shortest backoffs).
    public var attemptsWhileUnproven: Int
    /// Retries allowed across all batches of one run.
    public var retryBudget: Int
    /// Total waiting allowed across all retries of one run.
    public var backoffBudget: Duration

    public init(
        baseDelay: Duration = .milliseconds(500),
        multiplier: Int = 2,
        maximumDelay: Duration = .seconds(30),
        maximumRetryAfter: Duration = .seconds(60),
        maximumAttempts: Int = 8,
        attemptsWhileUnproven: Int = 3,
        retryBudget: Int = 1_000,
        backoffBudget: Duration = .seconds(900)
    ) {
        self.baseDelay = baseDelay
        self.multiplier = multiplier
        self.maximumDelay = maximumDelay
        self.maximumRetryAfter = maximumRetryAfter
        self.maximumAttempts = maximumAttempts
        self.attemptsWhileUnproven = attemptsWhileUnproven
        self.retryBudget = retryBudget
        self.backoffBudget = backoffBudget
    }

    /// Classifies an answer, or the transport failure that replaced one.
    public func verdict(for result: Result<BatchResponse, TransportError>) -> DeliveryVerdict {
        switch result {
        case .failure(let error):
            return .retryable(reason: "no answer: \(error.reason)", code: .network, status: nil, retryAfter: nil)
        case .success(let response):
            let status = response.status
            if (200..<300).contains(status) { return .delivered }
            let reason = Self.describe(response), code = FailureCode.of(status: status)
            if status == 408 || status == 429 || ((500..<600).contains(status) && status != 501) {
                return .retryable(
                    reason: reason, code: code, status: status, retryAfter: status == 429 ? response.retryAfter : nil)
            }
            return .permanent(reason: reason, code: code)
        }
    }

    /// The upper bound of the jittered wait before retry number `retry` (1 for the first retry).
    public func backoffCeiling(beforeRetry retry: Int) -> Duration {
        var ceiling = baseDelay
        for _ in 1..<max(retry, 1) {
            ceiling *= multiplier
            if ceiling >= maximumDelay { return maximumDelay }
        }
        return min(ceiling, maximumDelay)
    }

    /// The wait before retry number `retry`: uniform in `0...ceiling`, and never shorter than the server's
    /// `retryAfter` (itself capped at `maximumRetryAfter`).
    public func delay(
        beforeRetry retry: Int, retryAfter: Double?, using generator: inout some RandomNumberGenerator
    ) -> Duration {
        let jittered = backoffCeiling(beforeRetry: retry) * Double.random(in: 0...1, using: &generator)
        guard let retryAfter, retryAfter > 0 else { return jittered }
        return max(jittered, min(.milliseconds(Int64((retryAfter * 1000).rounded(.up))), maximumRetryAfter))
    }

    private static func describe(_ response: BatchResponse) -> String {
        let excerpt = response.bodyExcerpt.trimmingPrefix(while: \.isWhitespace)
        return excerpt.isEmpty ? "HTTP \(response.status)" : "HTTP \(response.status): \(excerpt.prefix(200))"
    }
}
