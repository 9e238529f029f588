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
    static func build(_ item: RecordChangeItem, mapping: ResolvedMapping) -> BuiltChange {
        let change = AcknowledgedChange(recordID: item.record.id, change: item.change, checksum: item.checksum)
        let result = mapping.test(item.record, change: item.change, checksum: item.checksum)
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
}
