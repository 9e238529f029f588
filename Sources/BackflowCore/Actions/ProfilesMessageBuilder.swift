/// Builds the Tracking API message of Segment Profiles' Identify, Group and Track actions.
///
/// Every message opts out of forwarding with `integrations: {"All": false}`; `engage_space` only
/// chooses where the message goes and is never part of it.
enum ProfilesMessageBuilder {
    static let noForwarding: JSONValue = ["All": false]

    static func message(action: String, payload: JSONObject) -> JSONObject? {
        switch action {
        case "sendIdentify": identifyOrGroup(payload, type: "identify")
        case "sendGroup": identifyOrGroup(payload, type: "group")
        case "sendTrack": track(payload)
        default: nil
        }
    }

    private static func identifyOrGroup(_ payload: JSONObject, type: JSONValue) -> JSONObject {
        var message = MessageObjectBuilder()
        message.set("userId", payload["user_id"])
        message.set("anonymousId", payload["anonymous_id"])
        message.set("groupId", payload["group_id"])
        message.set("messageId", payload["message_id"])
        message.set("traits", .object(MessageObjectBuilder.shallowCopy(payload["traits"])))
        message.set("timestamp", payload["timestamp"])
        message.set("integrations", noForwarding)
        message.set("type", type)
        message.set("context", consentOnlyContext(payload))
        return message.object
    }

    /// Track accepts a group id but sends none.
    private static func track(_ payload: JSONObject) -> JSONObject {
        var message = MessageObjectBuilder()
        message.set("userId", payload["user_id"])
        message.set("anonymousId", payload["anonymous_id"])
        message.set("timestamp", payload["timestamp"])
        message.set("event", payload["event_name"])
        message.set("messageId", payload["message_id"])
        message.set("integrations", noForwarding)
        message.set("properties", .object(MessageObjectBuilder.shallowCopy(payload["properties"])))
        message.set("context", consentOnlyContext(payload))
        message.set("type", "track")
        return message.object
    }

    private static func consentOnlyContext(_ payload: JSONObject) -> JSONValue {
        ["consent": ConsentRule.context(for: payload["consent"])]
    }
}
