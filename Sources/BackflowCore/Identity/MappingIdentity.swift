/// Who a mapping's sync state belongs to: the workspace and the mapping, by identity rather than by
/// display name, so that renaming a mapping keeps its state and two workspaces on one warehouse never
/// share a records table.
///
/// A mapping's identity is its `id:` when the file gives one (the editor and `init` always do), else its
/// name: a mapping written before ids existed keeps the state it had under its name, and README explains
/// how to rename it (add `id:` with the old name, then change `name:`).
public struct MappingIdentity: Sendable, Hashable {
    public let workspaceID: String
    /// The mapping's `id`, or its name when it has none.
    public let mappingID: String
    /// For messages and the state registry; never part of a key.
    public let mappingName: String

    public init(workspaceID: String, mappingID: String, mappingName: String) {
        self.workspaceID = workspaceID
        self.mappingID = mappingID
        self.mappingName = mappingName
    }

    public init(workspaceID: String, mapping: MappingConfig) {
        self.init(workspaceID: workspaceID, mappingID: mapping.id ?? mapping.name, mappingName: mapping.name)
    }

    /// The key the mapping's state tables, lock and history are kept under: a readable slug of the
    /// mapping's identity and 16 hex digits of the hash of the workspace and mapping identities.
    public var stateKey: String {
        let hash = StableHash.fnv1a64(mappingID, seed: StableHash.fnv1a64(workspaceID + "\u{1F}"))
        return StateKey.slug(mappingID, length: 24) + "_" + StableHash.hex(hash)
    }

    /// The key this mapping's state had before workspace identities existed (Backflow keyed state by
    /// the mapping's name alone): found state under it is migrated to ``stateKey``, once.
    public var legacyStateKey: String { StateKey.forMapping(mappingID) }
}

extension MappingConfig {
    /// A new mapping's id: a slug of its name and 6 random characters, so that it reads well in the
    /// file and stays unique after renames (a later mapping may take an earlier one's name).
    public static func newID(named name: String) -> String {
        IdentityText.random(prefix: StateKey.slug(name, length: 40) + "_", count: 6)
    }

    /// The mapping renamed to `name`, keeping its identity: a mapping without an id is identified by
    /// its name, which becomes its id before the name changes.
    public func renamed(to name: String) -> MappingConfig {
        var renamed = self
        if renamed.id == nil, name != self.name { renamed.id = self.name }
        renamed.name = name
        return renamed
    }
}

/// A mapping's state as a change tracker keeps it: the key of its tables and the generation its
/// message ids are drawn from.
public struct MappingState: Sendable, Hashable {
    public let stateKey: String
    /// Random, new for every state created and for every reset: a reset (or a state started over)
    /// sends every record under new message ids, which Segment does not drop as duplicates.
    public let generation: String

    public init(stateKey: String, generation: String) {
        self.stateKey = stateKey
        self.generation = generation
    }

    /// A new generation: 16 random characters.
    static func newGeneration() -> String { IdentityText.random(prefix: "", count: 16) }
}
