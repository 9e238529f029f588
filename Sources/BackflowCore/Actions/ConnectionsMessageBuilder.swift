/// Builds the Tracking API message of each Segment Connections action from a validated payload,
/// keys in the order Segment's actions assign them.
enum ConnectionsMessageBuilder {
    static func message(action: String, payload: JSONObject) -> JSONObject? {
        switch action {
        case "sendIdentify": identify(payload)
        case "sendTrack": track(payload)
        case "sendPage": page(payload)
        case "sendScreen": screen(payload)
        case "sendGroup": group(payload)
        default: nil
        }
    }

    private static func identify(_ payload: JSONObject) -> JSONObject {
        var message = identity(payload)
        message.set("timestamp", payload["timestamp"])
        message.set("messageId", payload["message_id"])
        message.set("context", .object(context(payload)))
        var traits = MessageObjectBuilder.shallowCopy(payload["traits"])
        if let address = payload["address"], address.isTruthy { traits["address"] = address }
        message.set("traits", .object(traits))
        message.set("type", "identify")
        return message.object
    }

    private static func track(_ payload: JSONObject) -> JSONObject {
        var message = identity(payload)
        message.set("timestamp", payload["timestamp"])
        message.set("event", payload["event_name"])
        message.set("messageId", payload["message_id"])
        message.set("context", .object(context(payload, traits: .object(MessageObjectBuilder.shallowCopy(payload["traits"])))))
        message.set("properties", .object(MessageObjectBuilder.shallowCopy(payload["properties"])))
        message.set("type", "track")
        return message.object
    }

    private static func page(_ payload: JSONObject) -> JSONObject {
        let page = payload["page"]?.objectValue ?? [:]
        var properties = MessageObjectBuilder()
        properties.set("name", payload["page_name"])
        properties.set("category", payload["page_category"])
        for key in ["path", "referrer", "search", "title", "url"] { properties.set(key, page[key]) }
        return view(payload, name: payload["page_name"], context: context(payload), properties: properties, type: "page")
    }

    private static func screen(_ payload: JSONObject) -> JSONObject {
        var properties = MessageObjectBuilder()
        properties.set("name", payload["screen_name"])
        return view(
            payload, name: payload["screen_name"], context: context(payload, includesTimezone: false),
            properties: properties, type: "screen")
    }

    /// A Page or Screen message: the mapped free-form properties are spread over the ones the action
    /// derives, so a mapped property wins but keeps the derived key's place.
    private static func view(
        _ payload: JSONObject, name: JSONValue?, context: JSONObject, properties derived: MessageObjectBuilder,
        type: JSONValue
    ) -> JSONObject {
        var message = identity(payload)
        message.set("timestamp", payload["timestamp"])
        message.set("name", name)
        message.set("messageId", payload["message_id"])
        message.set("context", .object(context))
        var properties = derived
        properties.spread(MessageObjectBuilder.shallowCopy(payload["properties"]))
        message.set("properties", .object(properties.object))
        message.set("type", type)
        return message.object
    }

    private static func group(_ payload: JSONObject) -> JSONObject {
        var message = identity(payload)
        message.set("groupId", payload["group_id"])
        message.set("timestamp", payload["timestamp"])
        message.set("messageId", payload["message_id"])
        message.set("context", .object(context(payload, includesGroupID: false)))
        message.set("traits", .object(MessageObjectBuilder.shallowCopy(payload["traits"])))
        message.set("type", "group")
        return message.object
    }

    private static func identity(_ payload: JSONObject) -> MessageObjectBuilder {
        var message = MessageObjectBuilder()
        message.set("userId", payload["user_id"])
        message.set("anonymousId", payload["anonymous_id"])
        return message
    }

    /// The payload fields a message's `context` carries, in Segment's order, each with the context
    /// key it becomes. `consent` is always there (see ``ConsentRule``).
    private static let contextFields: [(key: String, field: String)] = [
        ("app", "application"), ("campaign", "campaign_parameters"), ("consent", "consent"), ("device", "device"),
        ("ip", "ip_address"), ("locale", "locale"), ("location", "location"), ("network", "network"),
        ("os", "operating_system"), ("page", "page"), ("screen", "screen"), ("userAgent", "user_agent"),
        ("timezone", "timezone"), ("groupId", "group_id"),
    ]
    private static let contextFieldNames = Set(contextFields.map(\.field))
    /// The context of a payload that fills none of ``contextFields``, as most mappings' payloads do.
    private static let contextOfNoFields = buildContext(
        JSONObject(), traits: nil, includesTimezone: true, includesGroupID: true)

    /// The message's `context`. Screen leaves the timezone out and Group its group id (which Group
    /// sends at the top level instead); Track puts its traits first.
    private static func context(
        _ payload: JSONObject, traits: JSONValue? = nil, includesTimezone: Bool = true, includesGroupID: Bool = true
    ) -> JSONObject {
        if traits == nil, !payload.containsKey(where: contextFieldNames.contains) {
            return contextOfNoFields
        }
        return buildContext(
            payload, traits: traits, includesTimezone: includesTimezone, includesGroupID: includesGroupID)
    }

    private static func buildContext(
        _ payload: JSONObject, traits: JSONValue?, includesTimezone: Bool, includesGroupID: Bool
    ) -> JSONObject {
        var context = MessageObjectBuilder()
        context.set("traits", traits)
        for (key, field) in contextFields {
            switch key {
            case "consent": context.set(key, ConsentRule.context(for: payload[field]))
            case "timezone" where !includesTimezone, "groupId" where !includesGroupID: continue
            default: context.set(key, payload[field])
            }
        }
        return context.object
    }
}
