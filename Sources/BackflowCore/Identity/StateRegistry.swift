/// What a change tracker's state store keeps about each mapping state: the workspace it belongs to
/// and its message-id generation. One adapter per engine; ``StateRegistry`` holds the rules.
protocol StateRegistryStore {
    /// The workspace and generation registered for `stateKey`, or nil.
    func registration(of stateKey: String) throws -> StateRegistration?
    /// Whether state tables exist under `legacyKey` that no registered state has taken over.
    func hasUnclaimedLegacyState(_ legacyKey: String) throws -> Bool
    /// Registers `mapping` under its state key with `generation`, in one transaction with moving the
    /// tables of `legacyKey` (when given) to the state key; returns what is registered then, which is
    /// another process's registration when it came first.
    func register(_ mapping: MappingIdentity, generation: String, takingOver legacyKey: String?) throws
        -> StateRegistration
}

struct StateRegistration: Sendable, Hashable {
    let workspaceID: String
    let generation: String
}

enum StateRegistry {
    /// The state of `mapping` in `store`, registered on first use; state kept under the mapping's
    /// legacy key is taken over, once.
    static func open(_ mapping: MappingIdentity, in store: some StateRegistryStore) throws -> MappingState {
        let key = mapping.stateKey
        let registration: StateRegistration
        if let found = try store.registration(of: key) {
            registration = found
        } else {
            let legacy = mapping.legacyStateKey
            let takeOver = try store.hasUnclaimedLegacyState(legacy) ? legacy : nil
            registration = try store.register(mapping, generation: MappingState.newGeneration(), takingOver: takeOver)
        }
        guard registration.workspaceID == mapping.workspaceID else {
            throw StateOwnershipError(mapping: mapping.mappingName, stateKey: key, owner: registration.workspaceID)
        }
        return MappingState(stateKey: key, generation: registration.generation)
    }
}

/// State found under a mapping's key belongs to another workspace.
public struct StateOwnershipError: Error, Sendable, Equatable, CustomStringConvertible {
    public let mapping: String
    public let stateKey: String
    public let owner: String

    public var description: String {
        "the sync state '\(stateKey)' of mapping '\(mapping)' belongs to workspace \(owner); two workspaces never "
            + "share state: give this workspace its own workspace_id, or, if it is the same workspace, set "
            + "workspace_id: \(owner) in its file"
    }
}
