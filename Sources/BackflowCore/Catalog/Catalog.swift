/// Everything Backflow knows about the destinations it can send to.
public enum Catalog {
    public static let destinations: [Destination] = [ConnectionsCatalog.destination, ProfilesCatalog.destination]

    /// Segment's limit on the mappings one destination instance holds.
    public static let maximumMappingsPerDestination = 50

    /// Key of the setting that picks a destination's ``EndpointRegion``.
    public static let regionSettingKey = "endpoint"

    public static func destination(_ kind: DestinationKind) -> Destination {
        switch kind {
        case .connections: ConnectionsCatalog.destination
        case .profiles: ProfilesCatalog.destination
        }
    }
}
