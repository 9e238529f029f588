/// A Segment destination instance: where a mapping's messages go.
public struct DestinationConfig: Sendable, Equatable {
    public static let connectionsType = "actions-segment"
    public static let profilesType = "actions-segment-profiles"

    public var name: String
    /// The destination's slug as written (`actions-segment`, `actions-segment-profiles`); the destination
    /// catalog decides whether it is known.
    public var type: String
    public var enabled: Bool
    /// The region key as written; `nil` means the type's default (see ``effectiveRegion``).
    public var region: String?
    /// The Segment Connections source write key.
    public var writeKey: SecretReference?
    /// A replacement for the Tracking API base URL, such as a local receiver.
    public var endpoint: String?
    /// Segment Profiles' spaces, in file order.
    public var profileSpaces: [ProfileSpaceConfig]
    /// Keys: `type`, `enabled`, `region`, `write_key_env`, `endpoint`, `profile_spaces`.
    public var locations: SourceLocations

    public init(
        name: String,
        type: String,
        enabled: Bool = true,
        region: String? = nil,
        writeKey: SecretReference? = nil,
        endpoint: String? = nil,
        profileSpaces: [ProfileSpaceConfig] = [],
        locations: SourceLocations = SourceLocations()
    ) {
        self.name = name
        self.type = type
        self.enabled = enabled
        self.region = region
        self.writeKey = writeKey
        self.endpoint = endpoint
        self.profileSpaces = profileSpaces
        self.locations = locations
    }

    /// The catalog entry for this destination's type; `nil` for a type Backflow does not know.
    public var catalogEntry: Destination? {
        DestinationKind(rawValue: type).map(Catalog.destination)
    }

    /// The region to send to: the one written, else the type's default; `nil` for an unknown type left at its default.
    public var effectiveRegion: String? {
        region ?? catalogEntry?.defaultRegion
    }

    public func profileSpace(named name: String) -> ProfileSpaceConfig? {
        profileSpaces.first { $0.name == name }
    }
}

/// A Segment Profiles space: messages for it go through its internal source's write key.
public struct ProfileSpaceConfig: Sendable, Equatable {
    public var name: String
    public var writeKey: SecretReference
    /// Keys: `write_key_env`.
    public var locations: SourceLocations

    public init(name: String, writeKey: SecretReference, locations: SourceLocations = SourceLocations()) {
        self.name = name
        self.writeKey = writeKey
        self.locations = locations
    }
}
