import Foundation
import Yams

extension WorkspaceDecoder {
    static let destinationKeys = ["type", "enabled", "region", "write_key_env", "endpoint", "profile_spaces"]

    mutating func decodeDestination(_ named: WorkspaceNodeReader.Entry, at keyPath: String) -> DestinationConfig? {
        let forbidden = ["write_key": Self.literalWriteKeyMessage, "source_write_key": Self.literalWriteKeyMessage]
        guard let keyed = reader.keyed(named.value, at: keyPath, allowed: Self.destinationKeys, forbidden: forbidden)
        else { return nil }
        guard let type = reader.string(keyed, "type", required: true) else { return nil }
        let enabled = reader.bool(keyed, "enabled", default: true)
        let region = reader.string(keyed, "region", required: false)
        if let region, let allowed = DestinationKind(rawValue: type).map({ Catalog.destination($0).regions.map(\.key) }),
            !allowed.contains(region),
            let entry = keyed.entry("region")
        {
            reader.report(entry.value, keyed.path("region"),
                "expected one of \(allowed.joined(separator: ", ")) but found \(YAMLQuoting.quoted(region))")
        }
        let endpoint = reader.string(keyed, "endpoint", required: false)
        if let endpoint, !Self.isHTTPURL(endpoint), let entry = keyed.entry("endpoint") {
            reader.report(entry.value, keyed.path("endpoint"),
                "expected an http:// or https:// URL but found \(YAMLQuoting.quoted(endpoint))")
        }
        let hasLiteralKey = forbidden.keys.contains { named.value.mapping?[$0] != nil }
        let writeKey = hasLiteralKey ? nil : decodeDestinationWriteKey(keyed, type: type)
        let spaces = decodeProfileSpaces(keyed, type: type)
        return DestinationConfig(
            name: named.key, type: type, enabled: enabled, region: region, writeKey: writeKey, endpoint: endpoint,
            profileSpaces: spaces,
            locations: locations(keyed, element: named.keyNode, keys: Self.destinationKeys))
    }

    /// Segment Connections needs one write key; Segment Profiles takes one per profile space instead.
    /// Not called when a literal key was written: that diagnostic already says what to do.
    private mutating func decodeDestinationWriteKey(_ keyed: WorkspaceNodeReader.Keyed, type: String) -> SecretReference? {
        switch type {
        case DestinationConfig.connectionsType:
            return environmentReference(keyed, "write_key_env", secret: .writeKey)
        case DestinationConfig.profilesType:
            if let entry = keyed.entry("write_key_env") {
                reader.report(entry.keyNode, keyed.path("write_key_env"),
                    "\(DestinationConfig.profilesType) destinations send with each profile space's write key: "
                        + "move write_key_env under profile_spaces.<space name>")
            }
            return nil
        default:
            guard keyed.entry("write_key_env") != nil else { return nil }
            return environmentReference(keyed, "write_key_env", secret: .writeKey)
        }
    }

    private mutating func decodeProfileSpaces(_ keyed: WorkspaceNodeReader.Keyed, type: String) -> [ProfileSpaceConfig] {
        let entry = reader.present(keyed, "profile_spaces", required: false)
        guard type == DestinationConfig.profilesType else {
            if let entry {
                reader.report(entry.keyNode, keyed.path("profile_spaces"),
                    "profile spaces are only for \(DestinationConfig.profilesType) destinations")
            }
            return []
        }
        guard let entry else {
            reader.report(keyed.node, keyed.keyPath,
                "an \(DestinationConfig.profilesType) destination needs at least one profile space under profile_spaces")
            return []
        }
        let path = keyed.path("profile_spaces")
        guard let named = reader.entries(of: entry.value, at: path, expecting: "a mapping of profile space names") else {
            return []
        }
        if named.isEmpty {
            reader.report(entry.value, path, "an \(DestinationConfig.profilesType) destination needs at least one profile space")
        }
        let forbidden = ["write_key": Self.literalWriteKeyMessage]
        return named.compactMap { space in
            let spacePath = WorkspaceNodeReader.join(path, space.key)
            guard let spaceKeyed = reader.keyed(space.value, at: spacePath, allowed: ["write_key_env"], forbidden: forbidden),
                space.value.mapping?["write_key"] == nil,
                let writeKey = environmentReference(spaceKeyed, "write_key_env", secret: .writeKey)
            else { return nil }
            return ProfileSpaceConfig(
                name: space.key, writeKey: writeKey,
                locations: locations(spaceKeyed, element: space.keyNode, keys: ["write_key_env"]))
        }
    }

    static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host else { return false }
        return (scheme == "http" || scheme == "https") && !host.isEmpty
    }
}
