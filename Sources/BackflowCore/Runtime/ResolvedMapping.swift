/// A mapping with everything it refers to looked up: its destination's settings and catalog entry,
/// the action, and the model. Built by ``WorkspaceSession``, so the references are known to exist.
public struct ResolvedMapping: Sendable {
    public let config: MappingConfig
    public let destinationConfig: DestinationConfig
    public let destination: Destination
    public let action: Action
    public let model: ModelDefinition
    /// The mapping's fields, checked once for all the records it will resolve.
    public let prepared: Result<PreparedMapping, MappingError>

    public init(
        config: MappingConfig, destinationConfig: DestinationConfig, destination: Destination, action: Action,
        model: ModelDefinition
    ) {
        self.config = config
        self.destinationConfig = destinationConfig
        self.destination = destination
        self.action = action
        self.model = model
        prepared = Result { () throws(MappingError) in try PreparedMapping(MappingDefaults.withHiddenDefaults(config.fields, of: action)) }
    }

    public var name: String { config.name }

    /// The same mapping, compiled again and with an unshared action (see ``Action/unshared()``), for
    /// a thread of its own.
    func unshared() -> ResolvedMapping {
        ResolvedMapping(
            config: config, destinationConfig: destinationConfig, destination: destination, action: action.unshared(),
            model: model)
    }

    /// The kind of change Test Mapping presents a record as: what the mapping selects, with
    /// "added or updated" shown as added, as Segment's first sync would send it.
    public var testChange: RecordChange {
        switch config.records {
        case .added, .addedOrUpdated: return .added
        case .updated: return .updated
        case .deleted: return .deleted
        }
    }

    /// Test Mapping for one record of the model, with a message id of the form a sync gives it: a
    /// sync's id also depends on the workspace, the mapping's state and the record's acknowledged
    /// versions (see ``MessageIdentity``), which Test Mapping does not read. `checksum` is the one
    /// change detection computed, when the record comes from a sync.
    public func test(_ record: ModelRecord, change: RecordChange? = nil, checksum: String? = nil) -> MappingTestResult {
        let change = change ?? testChange
        let ids = MessageIdentity(
            mapping: MappingIdentity(workspaceID: "test-mapping", mapping: config), generation: "test-mapping")
        let messageID = ids.messageID(
            recordID: record.id, version: 1, checksum: checksum ?? record.checksum, change: change)
        return test(record, change: change, messageID: messageID.description)
    }

    /// The mapped integers of `result` (this mapping's Test Mapping of a record) that Segment's
    /// JavaScript runtime would change and Backflow sends exactly; empty when there is no message.
    /// Worked out on request, so a sync's records never pay for it.
    public func inexactIntegers(in result: MappingTestResult) -> [InexactIntegerWarning] {
        InexactIntegerAudit.warnings(of: result, mapping: prepared)
    }

    /// Test Mapping for one record of the model presented as `change`, with the message id given.
    func test(_ record: ModelRecord, change: RecordChange, messageID: String) -> MappingTestResult {
        let event = RecordEvent.event(for: record, change: change, messageId: messageID).objectValue ?? [:]
        return MappingTester.test(
            mapping: prepared, action: action, of: destination, syncNulls: config.syncNulls, event: event)
    }
}
