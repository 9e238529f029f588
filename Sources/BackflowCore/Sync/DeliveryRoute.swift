/// Why a mapping's messages cannot be sent at all (the whole run fails) or one message cannot
/// (that record fails).
public struct DeliveryRouteError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Where a mapping's messages go: the Tracking API's batch URL, and the write key for each message.
/// Segment Connections sends with the destination's key; Segment Profiles with the key of the Profile
/// Space that the message's `engage_space` names.
struct DeliveryRoute {
    let batchURL: String
    private let destination: DestinationConfig
    private let kind: DestinationKind
    private let environment: [String: String]
    /// Write keys already read from the environment, by lane (the destination, or a Profile Space).
    private var resolvedKeys: [String: String] = [:]

    init(mapping: ResolvedMapping, environment: [String: String]) throws(DeliveryRouteError) {
        destination = mapping.destinationConfig
        kind = mapping.destination.kind
        self.environment = environment
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
        if kind == .connections { resolvedKeys[destination.name] = try connectionsKey() }
    }

    /// The lane (one per write key) and the write key for a message built from `payload`.
    mutating func writeKey(for payload: JSONObject) throws(DeliveryRouteError) -> (lane: String, key: String) {
        switch kind {
        case .connections:
            if let key = resolvedKeys[destination.name] { return (destination.name, key) }
            return (destination.name, try connectionsKey())
        case .profiles:
            guard case .string(let spaceName)? = payload[ProfileSpaceField.key] else {
                throw DeliveryRouteError(description: "the record resolved no Profile Space (\(ProfileSpaceField.key))")
            }
            if let key = resolvedKeys[spaceName] { return (spaceName, key) }
            guard let space = destination.profileSpace(named: spaceName) else {
                throw DeliveryRouteError(
                    description: "destination '\(destination.name)' has no Profile Space \"\(spaceName)\"")
            }
            let key = try resolve(space.writeKey, owner: "Profile Space '\(spaceName)'")
            resolvedKeys[spaceName] = key
            return (spaceName, key)
        }
    }

    private func connectionsKey() throws(DeliveryRouteError) -> String {
        guard let reference = destination.writeKey else {
            throw DeliveryRouteError(description: "destination '\(destination.name)' has no write_key_env")
        }
        return try resolve(reference, owner: "destination '\(destination.name)'")
    }

    private func resolve(_ reference: SecretReference, owner: String) throws(DeliveryRouteError) -> String {
        do {
            return try reference.resolve(environment: environment)
        } catch {
            throw DeliveryRouteError(description: "the write key of \(owner): \(error.description)")
        }
    }
}
