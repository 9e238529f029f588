/// Segment Connections (`actions-segment`): sends Identify, Track, Page, Screen and Group calls into
/// a Segment source, authenticated by that source's write key.
enum ConnectionsCatalog {
    static let destination = Destination(
        kind: .connections,
        name: "Segment Connections",
        description: "Sends warehouse records into a Segment source as Tracking API calls.",
        settings: [
            ActionField(
                key: "source_write_key", label: "Source Write Key",
                description: "The write key of the Segment source that receives the messages.",
                type: .password, isRequired: true),
            ActionField(
                key: Catalog.regionSettingKey, label: "Endpoint Region",
                description: "The Segment region whose Tracking API receives the messages.",
                type: .string),
        ],
        regions: [
            EndpointRegion(key: "us-west-2", label: "North America", trackingAPIBase: "https://api.segment.io/v1"),
            EndpointRegion(
                key: "eu-west-1", label: "Europe", trackingAPIBase: "https://events.eu1.segmentapis.com/v1"),
        ],
        defaultRegion: "us-west-2",
        actions: [sendIdentify, sendTrack, sendPage, sendScreen, sendGroup])

    private typealias F = ConnectionsFields

    static let sendIdentify = Action(
        key: "sendIdentify", title: "Send Identify",
        description: "Sends an Identify call: ties a user to their actions and records traits about them.",
        defaultTrigger: #"type = "identify""#,
        fields: [F.userID, F.anonymousID, F.timestamp] + F.context
            + [F.groupID, F.traits, F.messageID, F.consent, F.address])

    static let sendTrack = Action(
        key: "sendTrack", title: "Send Track",
        description: "Sends a Track call: records something a user did.",
        defaultTrigger: #"type = "track""#,
        fields: [F.userID, F.anonymousID, F.timestamp, F.eventName] + F.context
            + [F.groupID, F.properties, F.traits, F.messageID, F.consent])

    static let sendPage = Action(
        key: "sendPage", title: "Send Page",
        description: "Sends a Page call: records a web page view.",
        defaultTrigger: #"type = "page""#,
        fields: [F.userID, F.anonymousID, F.timestamp, F.pageName, F.pageCategory] + F.context
            + [F.groupID, F.properties, F.messageID, F.consent])

    static let sendScreen = Action(
        key: "sendScreen", title: "Send Screen",
        description: "Sends a Screen call: records a mobile app screen view.",
        defaultTrigger: #"type = "screen""#,
        fields: [F.userID, F.anonymousID, F.timestamp, F.screenName] + F.context
            + [F.groupID, F.properties, F.messageID, F.consent])

    static let sendGroup = Action(
        key: "sendGroup", title: "Send Group",
        description: "Sends a Group call: ties a user to a group or account.",
        defaultTrigger: #"type = "group""#,
        fields: [F.userID, F.anonymousID, F.groupID.requiring(), F.timestamp] + F.context
            + [F.traits, F.messageID, F.consent])
}
