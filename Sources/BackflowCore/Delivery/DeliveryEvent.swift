/// What a `BatchDeliverer` reports. Every submitted batch ends in exactly one `delivered`, `failed` or
/// `withheld`; `retrying` may come before it any number of times, for progress displays, and
/// `destinationDown` comes once, before the first `withheld`, when the destination is declared down.
public enum DeliveryEvent<Tag: Sendable>: Sendable {
    /// The Tracking API acknowledged the batch (2xx): these records may be committed as sent.
    case delivered(tags: [Tag])
    /// The batch will not be sent in this run; `reason` says why, for the run's per-record errors,
    /// and `code` classifies it.
    case failed(tags: [Tag], reason: String, code: FailureCode)
    /// The batch was not sent because the destination is down (see ``DestinationHealth``): these
    /// records did nothing wrong, and are left for the next run as if never read.
    case withheld(tags: [Tag])
    /// The destination failed every request so far for a destination-level reason; the run should stop.
    case destinationDown(DestinationOutage)
    case retrying(DeliveryRetry)
}

/// One attempt that failed and will be repeated after `delay`.
public struct DeliveryRetry: Sendable, Equatable {
    /// Messages in the batch being retried.
    public let messageCount: Int
    /// The attempt that just failed, 1 for the first.
    public let attempt: Int
    /// The HTTP status, or `nil` when no answer came.
    public let status: Int?
    public let reason: String
    public let delay: Duration

    public init(messageCount: Int, attempt: Int, status: Int?, reason: String, delay: Duration) {
        self.messageCount = messageCount
        self.attempt = attempt
        self.status = status
        self.reason = reason
        self.delay = delay
    }
}
