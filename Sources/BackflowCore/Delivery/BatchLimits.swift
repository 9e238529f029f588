/// How large one `/batch` request may grow. The defaults are the Tracking API's own limits; tests use
/// smaller ones to exercise the packing without megabytes of fixtures.
public struct BatchLimits: Sendable, Equatable {
    /// Largest accepted message, as compact JSON in UTF-8.
    public var maximumMessageBytes: Int
    /// Largest request body, envelope included.
    public var maximumBodyBytes: Int
    /// Most messages in one request.
    public var maximumMessages: Int

    public init(maximumMessageBytes: Int, maximumBodyBytes: Int, maximumMessages: Int) {
        self.maximumMessageBytes = maximumMessageBytes
        self.maximumBodyBytes = maximumBodyBytes
        self.maximumMessages = maximumMessages
    }

    public static let trackingAPI = BatchLimits(
        maximumMessageBytes: TrackingAPILimits.maximumMessageBytes,
        maximumBodyBytes: TrackingAPILimits.maximumBatchBytes,
        maximumMessages: TrackingAPILimits.maximumBatchMessages
    )
}
