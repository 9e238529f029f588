import BackflowCore
import Foundation

/// One tracking request as the connection read it, before any checks.
struct TrackingRequest: Sendable {
    var call: TrackingCall
    var authorization: String?
    var contentEncoding: String?
    /// The body as received, cut off once it passed the largest size the sink could accept.
    var body: [UInt8]
    /// How many body bytes arrived, including any cut off.
    var bodyByteCount: Int
    /// When the request arrived; stamped on each message stored.
    var receivedAt: Date
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
    var valid: [ValidMessage]
    var dropReasons: [String]
}

/// A message that passed the checks, with what the ledger needs to de-duplicate and store it.
struct ValidMessage: Sendable {
    var messageId: String?
    /// The message as the sink stores it; built only when the sink stores messages.
    var stored: StoredMessage?
}

/// A valid message as it will be stored, already serialized so the ledger only has to
/// de-duplicate and write.
struct StoredMessage: Sendable {
    /// The message with `receivedAt` and `writeKeyHash` added.
    var object: JSONObject
    /// `object` as compact JSON, one NDJSON line without its newline.
    var line: String
}
