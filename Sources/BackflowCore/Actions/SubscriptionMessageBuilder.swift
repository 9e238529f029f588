/// Segment Profiles' Send Subscriptions: checks the channel identifiers against their statuses, then
/// builds an Identify whose context lists the user's external ids and channel subscriptions.
///
/// The checks run in Segment's order and stop at the first that fails. There is no User ID /
/// Anonymous ID check here.
enum SubscriptionMessageBuilder {
    /// One channel: its identifier field, the external id type it is sent as, and its status fields
    /// with the subscription type each becomes.
    private struct Channel {
        let identifierField: String
        let externalIDType: String
        let statuses: [(field: String, type: String)]
    }

    private static let channels = [
        Channel(identifierField: "email", externalIDType: "email", statuses: [("email_subscription_status", "EMAIL")]),
        Channel(
            identifierField: "phone", externalIDType: "phone",
            statuses: [("sms_subscription_status", "SMS"), ("whatsapp_subscription_status", "WHATSAPP")]),
        Channel(
            identifierField: "android_push_token", externalIDType: "android.push_token",
            statuses: [("android_push_subscription_status", "ANDROID_PUSH")]),
        Channel(
            identifierField: "ios_push_token", externalIDType: "ios.push_token",
            statuses: [("ios_push_subscription_status", "IOS_PUSH")]),
    ]

    private static let statusFields = [
        "email_subscription_status", "sms_subscription_status", "whatsapp_subscription_status",
        "android_push_subscription_status", "ios_push_subscription_status",
    ]

    static func message(payload: JSONObject) -> Result<JSONObject, ActionError> {
        if let error = firstViolation(payload) { return .failure(error) }
        var context = MessageObjectBuilder()
        context.set("messaging_subscriptions", .array(subscriptions(payload)))
        context.set("externalIds", .array(externalIDs(payload)))
        context.set("messaging_subscriptions_retl", true)
        context.set("consent", ConsentRule.context(for: payload["consent"]))

        var message = MessageObjectBuilder()
        message.set("userId", payload["user_id"])
        message.set("anonymousId", payload["anonymous_id"])
        message.set("traits", .object(MessageObjectBuilder.shallowCopy(payload["traits"])))
        message.set("context", .object(context.object))
        message.set("timestamp", payload["timestamp"])
        message.set("integrations", ProfilesMessageBuilder.noForwarding)
        message.set("messageId", payload["message_id"])
        message.set("type", "identify")
        return .success(message.object)
    }

    private static func firstViolation(_ payload: JSONObject) -> ActionError? {
        func given(_ key: String) -> Bool { payload[key]?.isTruthy ?? false }
        let hasEmailStatus = given("email_subscription_status")
        let hasGroups = !(payload["subscription_groups"]?.objectValue?.isEmpty ?? true)
        if !channels.contains(where: { given($0.identifierField) }) {
            return ActionError(.rule, field: nil, message: ActionErrorText.missingExternalIDs)
        }
        if !statusFields.contains(where: given) {
            return ActionError(.rule, field: nil, message: ActionErrorText.missingSubscriptionStatus)
        }
        if !given("email") && hasEmailStatus {
            return ActionError(.rule, field: "email", message: ActionErrorText.missingEmail)
        }
        if hasGroups && !hasEmailStatus {
            return ActionError(.rule, field: "email_subscription_status", message: ActionErrorText.missingEmailStatusForGroups)
        }
        if !given("phone") && (given("sms_subscription_status") || given("whatsapp_subscription_status")) {
            return ActionError(.rule, field: "phone", message: ActionErrorText.missingPhone)
        }
        if !given("android_push_token") && given("android_push_subscription_status") {
            return ActionError(.rule, field: "android_push_token", message: ActionErrorText.missingAndroidPushToken)
        }
        if !given("ios_push_token") && given("ios_push_subscription_status") {
            return ActionError(.rule, field: "ios_push_token", message: ActionErrorText.missingIosPushToken)
        }
        let allInvalid = statusFields.allSatisfy { field in
            given(field) && SubscriptionStatus(field: payload[field]) == .invalid
        }
        if allInvalid {
            return ActionError(.rule, field: nil, message: ActionErrorText.allStatusesInvalid)
        }
        return nil
    }

    private static func externalIDs(_ payload: JSONObject) -> [JSONValue] {
        channels.compactMap { channel in
            guard let id = payload[channel.identifierField], !id.isNull else { return nil }
            return ["id": id, "type": .string(channel.externalIDType), "collection": "users", "encoding": "none"]
        }
    }

    private static func subscriptions(_ payload: JSONObject) -> [JSONValue] {
        channels.flatMap { channel in
            channel.statuses.compactMap { status -> JSONValue? in
                guard let normalized = SubscriptionStatus(field: payload[status.field]) else { return nil }
                var entry = MessageObjectBuilder()
                entry.set("key", payload[channel.identifierField])
                entry.set("type", .string(status.type))
                entry.set("status", .string(normalized.rawValue))
                if status.type == "EMAIL", let groups = payload["subscription_groups"]?.objectValue, !groups.isEmpty {
                    entry.set("groups", .array(groupEntries(groups)))
                }
                return .object(entry.object)
            }
        }
    }

    /// Each group as `{name, status}`; the value is read through JavaScript's `String()`, so `true`
    /// subscribes, `null` is invalid and an empty string leaves the status out.
    private static func groupEntries(_ groups: JSONObject) -> [JSONValue] {
        groups.entries.map { name, value in
            var entry = MessageObjectBuilder()
            entry.set("name", .string(name))
            entry.set("status", SubscriptionStatus(normalizing: JavaScriptConversions.string(from: value)).map { .string($0.rawValue) })
            return .object(entry.object)
        }
    }
}
