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
    /// When the request arrived, ISO-8601 in UTC; stamped on each message stored.
    var receivedAt: String
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
    var valid: [StorableMessage]
    var dropReasons: [String]
}

/// A valid message as it will be stored, already serialized so the ledger only has to
/// de-duplicate and write.
struct StorableMessage: Sendable {
    var messageId: String?
    /// The message with `receivedAt` and `writeKeyHash` added.
    var stored: JSONObject
    /// `stored` as compact JSON, one NDJSON line without its newline.
    var line: String
}
