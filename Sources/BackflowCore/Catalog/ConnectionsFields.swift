/// The field definitions Segment Connections' five actions share (Segment's `segment-properties`).
///
/// Descriptions are Backflow's own wording of what each field carries.
enum ConnectionsFields {
    static let userID = ActionField(
        key: "user_id", label: "User ID",
        description: "Your database's unique identifier for the user. Map this or an Anonymous ID.",
        type: .string)

    static let anonymousID = ActionField(
        key: "anonymous_id", label: "Anonymous ID",
        description: "A stand-in identifier for a user you cannot yet identify uniquely. Map this or a User ID.",
        type: .string)

    static let timestamp = ActionField(
        key: "timestamp", label: "Timestamp",
        description: "When the event happened, as an ISO-8601 date string. Segment uses the time it receives the message when this is empty.",
        type: .string)

    static let eventName = ActionField(
        key: "event_name", label: "Event Name",
        description: "The name of what the user did.", type: .string, isRequired: true)

    static let pageName = ActionField(
        key: "page_name", label: "Page Name", description: "The name of the page viewed.", type: .string)

    static let pageCategory = ActionField(
        key: "page_category", label: "Page Category", description: "The category of the page viewed.",
        type: .string)

    static let screenName = ActionField(
        key: "screen_name", label: "Screen Name", description: "The name of the screen viewed.", type: .string)

    static let application = ActionField(
        key: "application", label: "Application", description: "Facts about the application the user is in.",
        type: .object,
        properties: [
            sub("name", "Name", "The application's name."),
            sub("version", "Version", "The application's version."),
            sub("build", "Build", "The application's build."),
            sub("namespace", "Namespace", "The application's namespace."),
        ])

    static let campaignParameters = ActionField(
        key: "campaign_parameters", label: "Campaign Parameters",
        description: "The marketing campaign that led to the event, as its UTM parameters.", type: .object,
        properties: [
            sub("name", "Name", "The campaign's name."),
            sub("source", "Source", "The campaign's source."),
            sub("medium", "Medium", "The campaign's medium."),
            sub("term", "Term", "The campaign's term."),
            sub("content", "Content", "The campaign's content."),
        ])

    static let device = ActionField(
        key: "device", label: "Device", description: "Facts about the device the event came from.", type: .object,
        properties: [
            sub("id", "ID", "The device's identifier."),
            sub("advertising_id", "Advertising ID", "The device's advertising identifier."),
            sub("adTracking_Enabled", "Ad Tracking Enabled", "Whether ad tracking is on.", .boolean),
            sub("manufacturer", "Manufacturer", "Who made the device."),
            sub("model", "Model", "The device's model."),
            sub("name", "Name", "The device's name."),
            sub("type", "Type", "The device's type."),
            sub("token", "Token", "The device's token."),
        ])

    static let ipAddress = ActionField(
        key: "ip_address", label: "IP Address", description: "The user's IP address.", type: .string)

    static let locale = ActionField(
        key: "locale", label: "Locale", description: "The user's locale, such as en-US.", type: .string)

    static let location = ActionField(
        key: "location", label: "Location", description: "Where the user is.", type: .object,
        properties: [
            sub("city", "City", "The user's city."),
            sub("country", "Country", "The user's country."),
            sub("latitude", "Latitude", "The user's latitude.", .number),
            sub("longitude", "Longitude", "The user's longitude.", .number),
            sub("speed", "Speed", "The user's speed.", .number),
        ])

    static let network = ActionField(
        key: "network", label: "Network", description: "Facts about the network connection.", type: .object,
        properties: [
            sub("bluetooth", "Bluetooth", "Whether Bluetooth is on.", .boolean),
            sub("carrier", "Carrier", "The network carrier."),
            sub("cellular", "Cellular", "Whether cellular data is on.", .boolean),
            sub("wifi", "WiFi", "Whether WiFi is on.", .boolean),
        ])

    static let operatingSystem = ActionField(
        key: "operating_system", label: "Operating System", description: "The device's operating system.",
        type: .object,
        properties: [
            sub("name", "Name", "The operating system's name."),
            sub("version", "Version", "The operating system's version."),
        ])

    static let page = ActionField(
        key: "page", label: "Page", description: "The web page the user is on.", type: .object,
        properties: [
            sub("path", "Path", "The page's path."),
            sub("referrer", "Referrer", "The page that referred the user."),
            sub("search", "Search", "The page's query string."),
            sub("title", "Title", "The page's title."),
            sub("url", "URL", "The page's full URL."),
        ])

    static let screen = ActionField(
        key: "screen", label: "Screen", description: "The device's screen.", type: .object,
        properties: [
            sub("density", "Density", "The screen's pixel density.", .number),
            sub("height", "Height", "The screen's height.", .number),
            sub("width", "Width", "The screen's width.", .number),
        ])

    static let userAgent = ActionField(
        key: "user_agent", label: "User Agent", description: "The user agent of the device the event came from.",
        type: .string)

    static let timezone = ActionField(
        key: "timezone", label: "Timezone", description: "The user's time zone as a tz database name, such as Europe/Paris.",
        type: .string)

    static let groupID = ActionField(
        key: "group_id", label: "Group ID", description: "The group or account the user belongs to.", type: .string)

    static let properties = ActionField(
        key: "properties", label: "Properties", description: "Any properties describing the event, as key/value pairs.",
        type: .object, allowsAdditionalProperties: true)

    static let traits = ActionField(
        key: "traits", label: "Traits", description: "Any traits describing the user or group, as key/value pairs.",
        type: .object, allowsAdditionalProperties: true)

    static let messageID = ActionField(
        key: "message_id", label: "MessageId", description: "The message's unique identifier, used to drop duplicates.",
        type: .string, defaultMapping: ["@path": "$.messageId"], isHidden: true)

    static let consent = ActionField(
        key: "consent", label: "Consent",
        description: "The user's consent preferences; sent only when its categoryPreferences are all true or false.",
        type: .object, defaultMapping: ["@path": "$.context.consent"], isHidden: true)

    static let address = ActionField(
        key: "address", label: "Address", description: "The user's postal address, sent as the address trait.",
        type: .object,
        properties: [
            sub("street", "Street", "The street address."),
            sub("city", "City", "The city."),
            sub("state", "State", "The state or region."),
            sub("country", "Country", "The country."),
            sub("postalCode", "Postal Code", "The postal code."),
        ])

    /// The context objects and strings every Connections action accepts, in Segment's order.
    static let context: [ActionField] = [
        application, campaignParameters, device, ipAddress, locale, location, network, operatingSystem, page,
        screen, userAgent, timezone,
    ]

    private static func sub(_ key: String, _ label: String, _ description: String, _ type: FieldType = .string)
        -> ActionField
    {
        ActionField(key: key, label: label, description: description, type: type)
    }
}
