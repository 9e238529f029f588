/// A record change after Test Mapping: the compact JSON of the message to send, or why there is
/// none. Built off the scan thread (see ``OrderedChunkPipeline``), so it carries only what the scan
/// thread still needs: the event, payload and message objects are freed where they were built.
struct BuiltChange: Sendable {
    enum Outcome: Sendable {
        /// `profileSpace` is the Profile Space the payload names, which picks a Profiles write key.
        case message(bytes: [UInt8], profileSpace: String?)
        case failed(reason: String, sample: JSONValue)
    }

    let change: AcknowledgedChange
    let outcome: Outcome

    /// A function rather than an initializer: an initializer takes its arguments owned, which would
    /// copy the whole mapping (dozens of references) for every record.
    ///
    /// `plan`, the mapping's ``MessagePlan`` for the item's kind of change when it has one, writes the
    /// message (in `scratch`) when it can; Test Mapping builds the rest.
    static func build(
        _ item: RecordChangeItem, mapping: ResolvedMapping, plan: MessagePlan?, scratch: inout [UInt8]
    ) -> BuiltChange {
        let change = AcknowledgedChange(recordID: item.record.id, change: item.change, checksum: item.checksum)
        let messageID = MessageIdentity.messageID(
            mapping: mapping.name, recordID: item.record.id, checksum: item.checksum, change: item.change)
        if let plan, let bytes = plan.message(for: item.record, messageID: messageID, scratch: &scratch) {
            assert(
                bytes == tested(item, mapping: mapping, messageID: messageID).messageBytes,
                "the message plan of \(mapping.name) wrote another message than Test Mapping for \(item.record.id)")
            return BuiltChange(change: change, outcome: .message(bytes: bytes, profileSpace: plan.profileSpace))
        }
        let result = tested(item, mapping: mapping, messageID: messageID)
        guard let message = result.message else {
            let reason = result.problems.map(\.description).joined(separator: " ")
            return BuiltChange(change: change, outcome: .failed(reason: reason, sample: .object(result.payload ?? result.event)))
        }
        return BuiltChange(
            change: change,
            outcome: .message(
                bytes: result.messageBytes ?? JSONWriter.compactBytes(.object(message)),
                profileSpace: result.payload?[ProfileSpaceField.key]?.stringValue))
    }

    private static func tested(_ item: RecordChangeItem, mapping: ResolvedMapping, messageID: String) -> MappingTestResult {
        mapping.test(item.record, change: item.change, messageID: messageID)
    }
}
