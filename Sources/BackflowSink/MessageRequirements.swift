import BackflowCore

/// The fields the Tracking API needs in a message before it keeps it. A message that lacks one
/// is still answered 200 but dropped; the reason names why (`no_user_anon_id` is Segment's own).
enum MessageRequirements {
    static let identifiedTypes: Set<String> = ["identify", "track", "page", "screen", "group"]

    static func dropReason(_ message: JSONObject) -> String? {
        guard let type = message["type"]?.stringValue, identifiedTypes.contains(type) || type == "alias" else {
            return "invalid_type"
        }
        if type == "alias" {
            return isPresent(message["previousId"]) && isPresent(message["userId"]) ? nil : "no_alias_ids"
        }
        guard isPresent(message["userId"]) || isPresent(message["anonymousId"]) else { return "no_user_anon_id" }
        if type == "track", !isPresent(message["event"]) { return "no_event" }
        if type == "group", !isPresent(message["groupId"]) { return "no_group_id" }
        return nil
    }

    /// An id or name counts when it is a non-empty string or a number.
    private static func isPresent(_ value: JSONValue?) -> Bool {
        switch value {
        case .string(let text): !text.isEmpty
        case .integer, .number: true
        default: false
        }
    }
}
