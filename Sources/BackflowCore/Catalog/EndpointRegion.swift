/// Where a destination's messages go: the Tracking API base of one Segment region.
public struct EndpointRegion: Sendable {
    public let key: String
    public let label: String
    /// Base address of the Tracking API, without a trailing slash (`https://api.segment.io/v1`).
    public let trackingAPIBase: String
    /// Base address of Segment's Public API for the region, where the destination has one.
    public let publicAPIBase: String?

    public init(key: String, label: String, trackingAPIBase: String, publicAPIBase: String? = nil) {
        self.key = key
        self.label = label
        self.trackingAPIBase = trackingAPIBase
        self.publicAPIBase = publicAPIBase
    }
}
