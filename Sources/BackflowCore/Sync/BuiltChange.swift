/// A record change after Test Mapping: the compact JSON of the message to send, or why there is
/// none. Built off the scan thread (see ``OrderedChunkPipeline``), so it carries only what the scan
/// thread still needs: the event, payload and message objects are freed where they were built.
struct BuiltChange: Sendable {
    enum Outcome: Sendable {
        /// `profileSpace` is the Profile Space the payload names, which picks a Profiles write key.
        case message(bytes: [UInt8], profileSpace: String?)
        case failed(reason: String, code: FailureCode, sample: JSONValue)
    }

    let change: AcknowledgedChange
    /// The id the message carries (or would have): kept for the run's log, so that the scan thread
    /// does not hash it again when the batch is settled.
    let messageID: MessageID
    let outcome: Outcome
}

/// Builds the changes of one chunk on a builder thread: a mapping's ``MessagePlan`` writes the
/// messages it can, Test Mapping builds the rest.
///
/// Everything a builder touches per record is its own, so that two builder threads never write to
/// the same reference counts, which would pass their cache lines back and forth: plans are copied
/// for the chunk, and the mapping too, the first time a record needs Test Mapping.
struct ChunkBuilder {
    private let mapping: ResolvedMapping
    private let plans: MessagePlans
    private let mappingName: String
    private let ids: MessageIdentity
    private var unsharedMapping: ResolvedMapping?
    /// The chunk's plans, a slot per kind of change (``planSlot(of:)``), filled the first time a change
    /// of the kind comes: `.some(nil)` when the mapping has none for it.
    private var chunkPlans: [MessagePlan??] = Array(repeating: nil, count: RecordChange.allCases.count)
    private var scratch: [UInt8] = []

    init(mapping: ResolvedMapping, plans: MessagePlans, ids: MessageIdentity) {
        self.mapping = mapping
        self.plans = plans
        self.ids = ids
        mappingName = mapping.name.copiedToOwnStorage()
    }

    mutating func build(_ item: borrowing RecordChangeItem) -> BuiltChange {
        let change = AcknowledgedChange(item)
        let messageID = ids.messageID(
            recordID: item.recordID, version: item.version, checksum: item.checksum, change: item.change)
        if let planned = plannedMessage(for: item, messageID: messageID) {
            assert(
                planned.bytes == test(item, messageID: messageID).messageBytes,
                "the message plan of \(mappingName) wrote another message than Test Mapping for \(item.recordID)")
            return BuiltChange(
                change: change, messageID: messageID,
                outcome: .message(bytes: planned.bytes, profileSpace: planned.profileSpace))
        }
        let result = test(item, messageID: messageID)
        guard let message = result.message else {
            let reason = result.problems.map(\.description).joined(separator: " ")
            let tooLarge = !result.problems.isEmpty && result.problems.allSatisfy { $0.stage == .limit }
            return BuiltChange(
                change: change, messageID: messageID, outcome: .failed(reason: reason, code: tooLarge ? .messageTooLarge : .validation, sample: .object(result.payload ?? result.event)))
        }
        return BuiltChange(
            change: change, messageID: messageID,
            outcome: .message(
                bytes: result.messageBytes ?? JSONWriter.compactBytes(.object(message)),
                profileSpace: result.payload?[ProfileSpaceField.key]?.stringValue))
    }

    /// `item`'s message as the plan for its kind of change writes it, with the plan's Profile Space;
    /// nil when there is no plan, or the plan cannot write this record's message.
    private mutating func plannedMessage(
        for item: RecordChangeItem, messageID: MessageID
    ) -> (bytes: [UInt8], profileSpace: String?)? {
        let slot = Self.planSlot(of: item.change)
        if chunkPlans[slot] == nil { chunkPlans[slot] = .some(plans.plan(for: item.change, columnsOf: item.values)) }
        guard let plan = chunkPlans[slot] ?? nil,
            let bytes = plan.message(
                recordID: item.recordID, values: item.values, messageID: messageID, scratch: &scratch)
        else { return nil }
        return (bytes, plan.profileSpace)
    }

    private static func planSlot(of change: RecordChange) -> Int {
        switch change {
        case .added: 0
        case .updated: 1
        case .deleted: 2
        }
    }

    private mutating func test(_ item: RecordChangeItem, messageID: MessageID) -> MappingTestResult {
        if unsharedMapping == nil { unsharedMapping = mapping.unshared() }
        return unsharedMapping!.test(item.record, change: item.change, messageID: messageID.description)
    }
}
