import BackflowCore

/// What the sink's checks need to know about a request body, read either from a parsed tree or
/// straight from the body's bytes by `TrackingBodyScanner`; both readings of a body agree.
struct TrackingBodyFacts: Sendable, Equatable {
    /// The body's top-level `writeKey` string, used when no Authorization header names one.
    var writeKey: String?
    /// The messages in order: the elements of `batch`, or the body itself for a single call; nil
    /// for a batch call whose body has no `batch` array.
    var messages: [MessageFacts]?
}

/// What the checks need to know about one message.
struct MessageFacts: Sendable, Equatable {
    /// Its size as compact JSON, as `JSONWriter` writes the parsed message: what the 32 KB limit
    /// measures (so whitespace does not count, and `1.50` counts as `1.5`).
    var compactByteCount: Int
    /// Its top-level fields; nil when the message is not a JSON object.
    var fields: MessageFields?
}

extension TrackingBodyFacts {
    /// The facts of a body parsed into a tree.
    init(root: JSONObject, call: TrackingCall) {
        writeKey = root["writeKey"]?.stringValue
        messages = Self.messages(in: root, call: call)?.map { message in
            MessageFacts(compactByteCount: JSONWriter.compactByteCount(message), fields: message.objectValue.map(MessageFields.init))
        }
    }

    /// The messages a body holds: the elements of its `batch` array, or for a single call the
    /// body itself.
    static func messages(in root: JSONObject, call: TrackingCall) -> [JSONValue]? {
        call == .batch ? root["batch"]?.arrayValue : [.object(root)]
    }
}
