/// Sizes the Segment Tracking API refuses to go beyond (it answers `400 Bad Request`).
public enum TrackingAPILimits {
    /// One message, as compact JSON in UTF-8.
    public static let maximumMessageBytes = 32_768
    /// One `/batch` request body.
    public static let maximumBatchBytes = 500_000
    /// Messages in one `/batch` request.
    public static let maximumBatchMessages = 2_500
}
