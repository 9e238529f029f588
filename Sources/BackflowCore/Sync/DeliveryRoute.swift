/// Why a mapping's messages cannot be sent at all (the whole run fails) or one message cannot
/// (that record fails).
public struct DeliveryRouteError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public let code: FailureCode

    init(description: String, code: FailureCode = .configuration) {
        self.description = description
        self.code = code
    }
}

/// Where a mapping's messages go: the Tracking API's batch URL, and the write key for each message.
/// Segment Connections sends with the destination's key; Segment Profiles with the key of the Profile
/// Space that the message's `engage_space` names.
struct DeliveryRoute {
    let batchURL: String
    private let destination: DestinationConfig
    private let environment: [String: String]
    private var keys: Keys

    /// Where write keys come from: Connections' one key, read when the route is made so a missing
    /// variable fails the run before anything is scanned; Profiles' keys per space, read on first use.
    private enum Keys {
        case connections(String)
        case profiles(resolved: [String: String])
    }

    init(mapping: ResolvedMapping, environment: [String: String]) throws(DeliveryRouteError) {
        destination = mapping.destinationConfig
        self.environment = environment
        keys = .profiles(resolved: [:])
        let base: String
        if let endpoint = destination.endpoint {
            base = endpoint
        } else {
            do {
                base = try mapping.destination.region(forKey: destination.effectiveRegion ?? mapping.destination.defaultRegion)
                    .trackingAPIBase
            } catch {
                throw DeliveryRouteError(description: error.message)
            }
        }
        do { try EndpointPolicy.validate(base) } catch { throw DeliveryRouteError(description: error.description) }
        batchURL = EndpointPolicy.batchURL(base: base)
        if mapping.destination.kind == .connections { keys = .connections(try connectionsKey()) }
    }

    /// The lane (one per write key) and the write key for a message whose payload named
    /// `profileSpace` (which only Profiles reads).
    mutating func writeKey(profileSpace: String?) throws(DeliveryRouteError) -> (lane: String, key: String) {
        switch keys {
        case .connections(let key):
            return (destination.name, key)
        case .profiles(var resolvedKeys):
            guard let spaceName = profileSpace else {
                throw DeliveryRouteError(
                    description: "the record resolved no Profile Space (\(ProfileSpaceField.key))", code: .unknownProfileSpace)
            }
            if let key = resolvedKeys[spaceName] { return (spaceName, key) }
            guard let space = destination.profileSpace(named: spaceName) else {
                throw DeliveryRouteError(
                    description: "destination '\(destination.name)' has no Profile Space \"\(spaceName)\"",
                    code: .unknownProfileSpace)
            }
            let key = try resolve(space.writeKey, owner: "Profile Space '\(spaceName)'")
            resolvedKeys[spaceName] = key
            keys = .profiles(resolved: resolvedKeys)
            return (spaceName, key)
        }
    }

    private func connectionsKey() throws(DeliveryRouteError) -> String {
        guard let reference = destination.writeKey else {
            throw DeliveryRouteError(description: "destination '\(destination.name)' has no write_key_env", code: .noWriteKey)
        }
        return try resolve(reference, owner: "destination '\(destination.name)'")
    }

    private func resolve(_ reference: SecretReference, owner: String) throws(DeliveryRouteError) -> String {
        do {
            return try reference.resolve(environment: environment)
        } catch {
            throw DeliveryRouteError(description: "the write key of \(owner): \(error.description)", code: .noWriteKey)
        }
    }
}
