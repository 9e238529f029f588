/// One mapping: which records of a model become which action's messages on a destination.
public struct MappingConfig: Sendable, Equatable {
    /// The mapping's identity, which its sync state, locks and history follow (see ``MappingIdentity``):
    /// it stays when the mapping is renamed. `nil` in files written before ids existed: the name is
    /// then the identity.
    public var id: String?
    public var name: String
    /// The destination's name in this workspace.
    public var destination: String
    /// The model's name in this workspace.
    public var model: String
    /// The action key, such as `sendIdentify`; the destination catalog decides whether it exists.
    public var action: String
    public var records: RecordSelection
    public var enabled: Bool
    /// Whether null values are sent (Segment's "Sync null values", on by default).
    public var syncNulls: Bool
    public var schedule: Schedule
    /// The record id used to preview fields.
    public var testRecord: String?
    /// Field key to mapping-language value, in file order.
    public var fields: JSONObject
    /// Keys: `id`, `name`, `destination`, `model`, `action`, `records`, `enabled`, `sync_nulls`, `schedule`,
    /// `test_record`, `fields`.
    public var locations: SourceLocations
    /// Where each top-level field key was written, by field key; `element` is where the `fields` value starts.
    public var fieldLocations: SourceLocations

    public init(
        id: String? = nil,
        name: String,
        destination: String,
        model: String,
        action: String,
        records: RecordSelection = .addedOrUpdated,
        enabled: Bool = true,
        syncNulls: Bool = true,
        schedule: Schedule = .manual,
        testRecord: String? = nil,
        fields: JSONObject = JSONObject(),
        locations: SourceLocations = SourceLocations(),
        fieldLocations: SourceLocations = SourceLocations()
    ) {
        self.id = id
        self.name = name
        self.destination = destination
        self.model = model
        self.action = action
        self.records = records
        self.enabled = enabled
        self.syncNulls = syncNulls
        self.schedule = schedule
        self.testRecord = testRecord
        self.fields = fields
        self.locations = locations
        self.fieldLocations = fieldLocations
    }
}

/// Which changes of a model's records a mapping sends.
public enum RecordSelection: String, Sendable, CaseIterable {
    case added
    case updated
    case addedOrUpdated = "added_or_updated"
    case deleted
}
