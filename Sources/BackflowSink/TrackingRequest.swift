import BackflowCore

/// One tracking request as the connection read it, before any checks.
struct TrackingRequest: Sendable {
    var call: TrackingCall
    var authorization: String?
    var contentEncoding: String?
    /// The body as received, cut off once it passed the largest size the sink could accept.
    var body: [UInt8]
    /// How many body bytes arrived, including any cut off.
    var bodyByteCount: Int
}

/// What the checks decided about a tracking request.
enum TrackingVerdict: Sendable {
    /// Answered with this 4xx status; nothing from the request is kept.
    case rejected(status: Int, reason: String)
    /// Answered 200: `valid` may be stored, the rest are dropped with these reasons.
    case received(ReceivedMessages)
}

struct ReceivedMessages: Sendable {
    var writeKeyFingerprint: String
    var valid: [JSONObject]
    var dropReasons: [String]
}
