import Testing
@testable import BackflowCore

@Suite struct CatalogDestinationTests {
    @Test func listsBothSegmentDestinationsBySlug() {
        #expect(Catalog.destinations.map(\.slug) == ["actions-segment", "actions-segment-profiles"])
        #expect(Catalog.destination(.connections).name == "Segment Connections")
        #expect(Catalog.destination(.profiles).name == "Segment Profiles")
    }

    @Test func holdsAtMostFiftyMappingsPerDestination() {
        #expect(Catalog.maximumMappingsPerDestination == 50)
    }

    @Test func connectionsHasFiveActionsInSegmentOrder() {
        #expect(Catalog.destination(.connections).actions.map(\.key)
            == ["sendIdentify", "sendTrack", "sendPage", "sendScreen", "sendGroup"])
        #expect(Catalog.destination(.connections).actions.map(\.title)
            == ["Send Identify", "Send Track", "Send Page", "Send Screen", "Send Group"])
    }

    @Test func profilesHasFourActions() {
        #expect(Catalog.destination(.profiles).actions.map(\.key)
            == ["sendIdentify", "sendGroup", "sendTrack", "sendSubscription"])
        #expect(Catalog.destination(.profiles).action("sendSubscription")?.title == "Send Subscriptions")
    }

    @Test func connectionsRequiresASourceWriteKeyPassword() throws {
        let writeKey = try #require(Catalog.destination(.connections).settings.first)
        #expect(writeKey.key == "source_write_key")
        #expect(writeKey.label == "Source Write Key")
        #expect(writeKey.type == .password)
        #expect(writeKey.isRequired)
    }

    @Test func connectionsRegionsMapToTrackingAPIBases() throws {
        let destination = Catalog.destination(.connections)
        #expect(destination.defaultRegion == "us-west-2")
        #expect(destination.regions.map(\.key) == ["us-west-2", "eu-west-1"])
        #expect(destination.regions.map(\.label) == ["North America", "Europe"])
        #expect(try destination.region(forKey: "us-west-2").trackingAPIBase == "https://api.segment.io/v1")
        #expect(try destination.region(forKey: "eu-west-1").trackingAPIBase == "https://events.eu1.segmentapis.com/v1")
    }

    @Test func profilesRegionsCarryTrackingAndPublicAPIBases() throws {
        let destination = Catalog.destination(.profiles)
        #expect(destination.defaultRegion == "north_america")
        #expect(destination.regions.map(\.key) == ["north_america", "europe"])
        let europe = try destination.region(forKey: "europe")
        #expect(europe.trackingAPIBase == "https://events.eu1.segmentapis.com/v1")
        #expect(europe.publicAPIBase == "https://eu1.api.segmentapis.com")
        #expect(try destination.region(forKey: "north_america").publicAPIBase == "https://api.segmentapis.com")
    }

    @Test func refusesAnUnknownRegionWithSegmentsText() {
        #expect(throws: ActionError(
            .rule, field: "endpoint", message: "A valid endpoint must be selected. Please check your Segment settings."))
        {
            try Catalog.destination(.connections).region(forKey: "north_america")
        }
    }

    @Test func defaultTriggersAreTheMatchingCallType() {
        let connections = Catalog.destination(.connections)
        #expect(connections.actions.map(\.defaultTrigger) == [
            #"type = "identify""#, #"type = "track""#, #"type = "page""#, #"type = "screen""#, #"type = "group""#,
        ])
        let profiles = Catalog.destination(.profiles)
        #expect(profiles.actions.map(\.defaultTrigger) == [
            #"type = "identify""#, #"type = "group""#, nil, #"type = "identify""#,
        ])
    }
}

@Suite struct CatalogConnectionsFieldTests {
    private let destination = Catalog.destination(.connections)

    private func keys(_ action: String) -> [String] {
        destination.action(action)?.fields.map(\.key) ?? []
    }

    private let context = [
        "application", "campaign_parameters", "device", "ip_address", "locale", "location", "network",
        "operating_system", "page", "screen", "user_agent", "timezone",
    ]

    @Test func identifyFieldsInOrder() {
        #expect(keys("sendIdentify") == ["user_id", "anonymous_id", "timestamp"] + context
            + ["group_id", "traits", "message_id", "consent", "address"])
    }

    @Test func trackFieldsInOrder() {
        #expect(keys("sendTrack") == ["user_id", "anonymous_id", "timestamp", "event_name"] + context
            + ["group_id", "properties", "traits", "message_id", "consent"])
    }

    @Test func pageFieldsInOrder() {
        #expect(keys("sendPage") == ["user_id", "anonymous_id", "timestamp", "page_name", "page_category"] + context
            + ["group_id", "properties", "message_id", "consent"])
    }

    @Test func screenFieldsInOrder() {
        #expect(keys("sendScreen") == ["user_id", "anonymous_id", "timestamp", "screen_name"] + context
            + ["group_id", "properties", "message_id", "consent"])
    }

    @Test func groupFieldsInOrder() {
        #expect(keys("sendGroup") == ["user_id", "anonymous_id", "group_id", "timestamp"] + context
            + ["traits", "message_id", "consent"])
    }

    @Test func onlyEventNameOnTrackAndGroupIDOnGroupAreRequired() {
        let required = destination.actions.map { action in action.fields.filter(\.isRequired).map(\.key) }
        #expect(required == [[], ["event_name"], [], [], ["group_id"]])
    }

    @Test func onlyMessageIDAndConsentHaveDefaultsAndAreHidden() {
        for action in destination.actions {
            let defaults = action.fields.filter { $0.defaultMapping != nil }
            #expect(defaults.map(\.key) == ["message_id", "consent"])
            #expect(defaults.map(\.defaultMapping) == [["@path": "$.messageId"], ["@path": "$.context.consent"]])
            #expect(action.fields.filter(\.isHidden).map(\.key) == ["message_id", "consent"])
        }
    }

    @Test func labelsAndTypesOfSharedFields() throws {
        let track = try #require(destination.action("sendTrack"))
        let labels = track.fields.map(\.label)
        #expect(labels == [
            "User ID", "Anonymous ID", "Timestamp", "Event Name", "Application", "Campaign Parameters", "Device",
            "IP Address", "Locale", "Location", "Network", "Operating System", "Page", "Screen", "User Agent",
            "Timezone", "Group ID", "Properties", "Traits", "MessageId", "Consent",
        ])
        #expect(track.field("timestamp")?.type == .string)
        #expect(track.field("consent")?.type == .object)
    }

    @Test func deviceHasSegmentsExactSubPropertyKeysAndTypes() throws {
        let device = try #require(destination.action("sendIdentify")?.field("device")?.properties)
        #expect(device.map(\.key) == [
            "id", "advertising_id", "adTracking_Enabled", "manufacturer", "model", "name", "type", "token",
        ])
        #expect(device.map(\.type) == [.string, .string, .boolean, .string, .string, .string, .string, .string])
        #expect(device[2].label == "Ad Tracking Enabled")
    }

    @Test func closedObjectsListTheirSubProperties() throws {
        let identify = try #require(destination.action("sendIdentify"))
        func subKeys(_ key: String) -> [String] { identify.field(key)?.properties?.map(\.key) ?? [] }
        #expect(subKeys("application") == ["name", "version", "build", "namespace"])
        #expect(subKeys("campaign_parameters") == ["name", "source", "medium", "term", "content"])
        #expect(subKeys("location") == ["city", "country", "latitude", "longitude", "speed"])
        #expect(identify.field("location")?.properties?.map(\.type) == [.string, .string, .number, .number, .number])
        #expect(subKeys("network") == ["bluetooth", "carrier", "cellular", "wifi"])
        #expect(identify.field("network")?.properties?.map(\.type) == [.boolean, .string, .boolean, .boolean])
        #expect(subKeys("operating_system") == ["name", "version"])
        #expect(subKeys("page") == ["path", "referrer", "search", "title", "url"])
        #expect(subKeys("screen") == ["density", "height", "width"])
        #expect(subKeys("address") == ["street", "city", "state", "country", "postalCode"])
    }

    @Test func traitsPropertiesAndConsentAreFreeForm() throws {
        let track = try #require(destination.action("sendTrack"))
        for key in ["traits", "properties", "consent"] {
            #expect(track.field(key)?.properties == nil)
        }
        #expect(track.field("traits")?.allowsAdditionalProperties == true)
        #expect(track.field("properties")?.allowsAdditionalProperties == true)
    }
}

@Suite struct CatalogProfilesFieldTests {
    private let destination = Catalog.destination(.profiles)

    private func keys(_ action: String) -> [String] {
        destination.action(action)?.fields.map(\.key) ?? []
    }

    @Test func identifyAndGroupFieldsInOrder() {
        let expected = [
            "engage_space", "user_id", "anonymous_id", "group_id", "traits", "timestamp", "message_id", "consent",
        ]
        #expect(keys("sendIdentify") == expected)
        #expect(keys("sendGroup") == expected)
    }

    @Test func trackFieldsInOrder() {
        #expect(keys("sendTrack") == [
            "engage_space", "user_id", "anonymous_id", "timestamp", "event_name", "group_id", "properties",
            "message_id", "consent",
        ])
    }

    @Test func subscriptionFieldsInOrder() {
        #expect(keys("sendSubscription") == [
            "engage_space", "user_id", "anonymous_id", "email", "email_subscription_status", "subscription_groups",
            "phone", "sms_subscription_status", "whatsapp_subscription_status", "android_push_token",
            "android_push_subscription_status", "ios_push_token", "ios_push_subscription_status", "traits",
            "timestamp", "message_id", "consent",
        ])
    }

    @Test func everyActionRequiresADynamicProfileSpace() {
        for action in destination.actions {
            let space = action.fields.first
            #expect(space?.key == "engage_space")
            #expect(space?.label == "Profile Space")
            #expect(space?.type == .string)
            #expect(space?.isRequired == true)
            #expect(space?.isDynamic == true)
        }
    }

    @Test func requiredFieldsPerAction() {
        let required = destination.actions.map { action in action.fields.filter(\.isRequired).map(\.key) }
        #expect(required == [
            ["engage_space"], ["engage_space", "group_id"], ["engage_space", "event_name"], ["engage_space"],
        ])
    }

    @Test func timestampIsADatetimeDefaultingToTheEventTimestamp() {
        for action in destination.actions {
            let timestamp = action.field("timestamp")
            #expect(timestamp?.type == .datetime)
            #expect(timestamp?.defaultMapping == ["@path": "$.timestamp"])
        }
    }

    @Test func onlySubscriptionStatusesAllowNull() throws {
        let subscription = try #require(destination.action("sendSubscription"))
        #expect(subscription.fields.filter(\.allowsNull).map(\.key) == [
            "email_subscription_status", "sms_subscription_status", "whatsapp_subscription_status",
            "android_push_subscription_status", "ios_push_subscription_status",
        ])
    }

    @Test func subscriptionLabels() throws {
        let subscription = try #require(destination.action("sendSubscription"))
        #expect(subscription.fields.map(\.label) == [
            "Profile Space", "User ID", "Anonymous ID", "Email", "Email Subscription Status",
            "Email Subscription Groups", "Phone", "SMS Subscription Status", "WhatsApp Subscription Status",
            "Android Push Token", "Android Push Subscription Status", "Ios Push Token",
            "Ios Push Subscription Status", "Traits", "Timestamp", "MessageId", "Consent",
        ])
    }

    @Test func messageIDAndConsentAreHiddenWithDefaults() {
        for action in destination.actions {
            #expect(action.fields.filter(\.isHidden).map(\.key) == ["message_id", "consent"])
            #expect(action.field("message_id")?.defaultMapping == ["@path": "$.messageId"])
            #expect(action.field("consent")?.defaultMapping == ["@path": "$.context.consent"])
        }
    }
}
