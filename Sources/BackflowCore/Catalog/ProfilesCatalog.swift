/// Segment Profiles (`actions-segment-profiles`): sends into a Profile Space through the write key of
/// its internal source. Every message opts out of all forwarding (`integrations: {"All": false}`).
enum ProfilesCatalog {
    static let destination = Destination(
        kind: .profiles,
        name: "Segment Profiles",
        description: "Sends warehouse records into a Profile Space without forwarding them to its destinations.",
        settings: [
            ActionField(
                key: Catalog.regionSettingKey, label: "Endpoint Region",
                description: "The Segment region whose Tracking API receives the messages.", type: .string)
        ],
        regions: [
            EndpointRegion(
                key: "north_america", label: "North America", trackingAPIBase: "https://api.segment.io/v1",
                publicAPIBase: "https://api.segmentapis.com"),
            EndpointRegion(
                key: "europe", label: "Europe", trackingAPIBase: "https://events.eu1.segmentapis.com/v1",
                publicAPIBase: "https://eu1.api.segmentapis.com"),
        ],
        defaultRegion: "north_america",
        actions: [sendIdentify, sendGroup, sendTrack, sendSubscription])

    private typealias F = ProfilesFields

    static let sendIdentify = Action(
        key: "sendIdentify", title: "Send Identify",
        description: "Sends an Identify call into the Profile Space to record traits about a user.",
        defaultTrigger: #"type = "identify""#,
        fields: [F.engageSpace, F.userID, F.anonymousID, F.groupID, F.traits, F.timestamp, F.messageID, F.consent])

    static let sendGroup = Action(
        key: "sendGroup", title: "Send Group",
        description: "Sends a Group call into the Profile Space to tie a user to a group or account.",
        defaultTrigger: #"type = "group""#,
        fields: [
            F.engageSpace, F.userID, F.anonymousID, F.groupID.requiring(), F.traits, F.timestamp, F.messageID,
            F.consent,
        ])

    static let sendTrack = Action(
        key: "sendTrack", title: "Send Track",
        description: "Sends a Track call into the Profile Space to record something a user did.",
        defaultTrigger: nil,
        fields: [
            F.engageSpace, F.userID, F.anonymousID, F.timestamp, F.eventName, F.groupID, F.properties, F.messageID,
            F.consent,
        ])

    static let sendSubscription = Action(
        key: "sendSubscription", title: "Send Subscriptions",
        description: "Sends an Identify call carrying a user's email, SMS, WhatsApp and push subscription statuses into Engage.",
        defaultTrigger: #"type = "identify""#,
        fields: [
            F.engageSpace, F.subscriptionUserID, F.anonymousID, F.email, F.emailSubscriptionStatus,
            F.subscriptionGroups, F.phone, F.smsSubscriptionStatus, F.whatsAppSubscriptionStatus,
            F.androidPushToken, F.androidPushSubscriptionStatus, F.iosPushToken, F.iosPushSubscriptionStatus,
            F.traits, F.timestamp, F.messageID, F.consent,
        ])
}
