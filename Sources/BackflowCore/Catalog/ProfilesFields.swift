/// The field definitions of Segment Profiles' actions (Segment's `segment-profiles` properties and the
/// subscription properties of Send Subscriptions).
///
/// Fields defined the same way in both destinations are taken from ``ConnectionsFields``.
/// Descriptions are Backflow's own wording of what each field carries.
enum ProfilesFields {
    static let userID = ConnectionsFields.userID
    static let anonymousID = ConnectionsFields.anonymousID
    static let groupID = ConnectionsFields.groupID
    static let traits = ConnectionsFields.traits
    static let messageID = ConnectionsFields.messageID
    static let eventName = ConnectionsFields.eventName
    static let properties = ConnectionsFields.properties
    static let consent = ConnectionsFields.consent

    static let engageSpace = ActionField(
        key: "engage_space", label: "Profile Space",
        description: "The Profile Space the message goes to; the workspace configures each space with the write key of its internal source.",
        type: .string, isRequired: true, isDynamic: true)

    static let timestamp = ActionField(
        key: "timestamp", label: "Timestamp",
        description: "When the event happened: a date string, or a number of seconds since 1970.",
        type: .datetime, defaultMapping: ["@path": "$.timestamp"])

    static let subscriptionUserID = ActionField(
        key: "user_id", label: "User ID", description: "Your database's unique identifier for the user.",
        type: .string)

    static let email = ActionField(
        key: "email", label: "Email", description: "The user's email address.", type: .string)

    static let emailSubscriptionStatus = status(
        "email_subscription_status", "Email Subscription Status", "the email channel")

    static let subscriptionGroups = ActionField(
        key: "subscription_groups", label: "Email Subscription Groups",
        description: "Email subscription groups as key/value pairs: the group's name and the user's status in it.",
        type: .object, allowsAdditionalProperties: true)

    static let phone = ActionField(
        key: "phone", label: "Phone", description: "The user's phone number.", type: .string)

    static let smsSubscriptionStatus = status("sms_subscription_status", "SMS Subscription Status", "SMS")

    static let whatsAppSubscriptionStatus = status(
        "whatsapp_subscription_status", "WhatsApp Subscription Status", "WhatsApp")

    static let androidPushToken = ActionField(
        key: "android_push_token", label: "Android Push Token", description: "The user's Android push token.",
        type: .string)

    static let androidPushSubscriptionStatus = status(
        "android_push_subscription_status", "Android Push Subscription Status", "Android push")

    static let iosPushToken = ActionField(
        key: "ios_push_token", label: "Ios Push Token", description: "The user's iOS push token.", type: .string)

    static let iosPushSubscriptionStatus = status(
        "ios_push_subscription_status", "Ios Push Subscription Status", "iOS push")

    private static func status(_ key: String, _ label: String, _ channel: String) -> ActionField {
        ActionField(
            key: key, label: label,
            description: "The user's status for \(channel): true or subscribed, false or unsubscribed, or did_not_subscribe.",
            type: .string, allowsNull: true)
    }
}
