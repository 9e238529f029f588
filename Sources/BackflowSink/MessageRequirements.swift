import BackflowCore

/// The fields the Tracking API needs in a message before it keeps it. A message that lacks one
/// is still answered 200 but dropped; the reason names why (`no_user_anon_id` is Segment's own).
enum MessageRequirements {
    static let identifiedTypes: Set<String> = ["identify", "track", "page", "screen", "group"]

    static func dropReason(_ message: MessageFields) -> String? {
        guard let type = message.type, identifiedTypes.contains(type) || type == "alias" else {
            return "invalid_type"
        }
        let present = message.identifiers
        if type == "alias" {
            return present.isSuperset(of: [.previousId, .userId]) ? nil : "no_alias_ids"
        }
        guard !present.isDisjoint(with: [.userId, .anonymousId]) else { return "no_user_anon_id" }
        if type == "track", !present.contains(.event) { return "no_event" }
        if type == "group", !present.contains(.groupId) { return "no_group_id" }
        return nil
    }
}

/// The top-level members of a message that the sink's checks read, however the message was read
/// (from a parsed tree, or by `TrackingBodyScanner` straight from the body's bytes).
struct MessageFields: Sendable, Equatable {
    /// The ids and names a message type may require. One counts as present when it is a
    /// non-empty string or a number.
    struct Identifiers: OptionSet, Sendable, Hashable {
        let rawValue: UInt8
        static let userId = Identifiers(rawValue: 1 << 0)
        static let anonymousId = Identifiers(rawValue: 1 << 1)
        static let previousId = Identifiers(rawValue: 1 << 2)
        static let event = Identifiers(rawValue: 1 << 3)
        static let groupId = Identifiers(rawValue: 1 << 4)

        /// Each identifier with the member name it is read from.
        static let members: [(name: String, identifier: Identifiers)] = [
            ("userId", .userId), ("anonymousId", .anonymousId), ("previousId", .previousId), ("event", .event),
            ("groupId", .groupId),
        ]
    }

    /// `type`, when it is a string.
    var type: String?
    /// `messageId`, when it is a string; what duplicates are told apart by.
    var messageId: String?
    /// `writeKey`, when it is a string; only the body's own one is read, to authorize.
    var writeKey: String?
    var identifiers: Identifiers = []

    init(type: String? = nil, messageId: String? = nil, writeKey: String? = nil, identifiers: Identifiers = []) {
        self.type = type
        self.messageId = messageId
        self.writeKey = writeKey
        self.identifiers = identifiers
    }

    init(_ message: JSONObject) {
        type = message["type"]?.stringValue
        messageId = message["messageId"]?.stringValue
        writeKey = message["writeKey"]?.stringValue
        for (name, identifier) in Identifiers.members {
            switch message[name] {
            case .string(let text): if !text.isEmpty { identifiers.insert(identifier) }
            case .integer, .number: identifiers.insert(identifier)
            default: break
            }
        }
    }
}
