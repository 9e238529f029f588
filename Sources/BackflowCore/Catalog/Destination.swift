/// The two Segment destinations Backflow can send to, by Segment's slug.
public enum DestinationKind: String, Sendable, CaseIterable {
    case connections = "actions-segment"
    case profiles = "actions-segment-profiles"
}

/// A destination's catalog entry: its settings, regions and actions.
public struct Destination: Sendable {
    public let kind: DestinationKind
    public var slug: String { kind.rawValue }
    public let name: String
    public let description: String
    /// Settings of a destination instance, as the workspace file holds them.
    public let settings: [ActionField]
    public let regions: [EndpointRegion]
    /// Key of the region used when the settings name none.
    public let defaultRegion: String
    public let actions: [Action]

    public init(
        kind: DestinationKind, name: String, description: String, settings: [ActionField],
        regions: [EndpointRegion], defaultRegion: String, actions: [Action]
    ) {
        self.kind = kind
        self.name = name
        self.description = description
        self.settings = settings
        self.regions = regions
        self.defaultRegion = defaultRegion
        self.actions = actions
    }

    public func action(_ key: String) -> Action? {
        actions.first { $0.key == key }
    }

    /// The region with this key; an unknown key is the error Segment gives for a bad endpoint setting.
    public func region(forKey key: String) throws(ActionError) -> EndpointRegion {
        guard let region = regions.first(where: { $0.key == key }) else {
            throw ActionError(.rule, field: Catalog.regionSettingKey, message: ActionErrorText.invalidEndpoint)
        }
        return region
    }
}
