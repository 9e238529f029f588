/// How a record changed since the last sync, spelled as Segment's `event` value for Reverse ETL rows.
public enum RecordChange: String, Sendable, CaseIterable {
    case added = "new"
    case updated = "updated"
    case deleted = "deleted"
}

/// The event a mapping reads for a record, shaped as Segment's Reverse ETL presents a row:
/// `{"type":"track","event":<change>,"messageId":<id>,"properties":{<columns>},"__segment_id":<record id>}`,
/// in that key order, with no `timestamp`. Columns are addressed as `$.properties.<column>`.
public enum RecordEvent {
    /// The event's keys that hold the record: its columns, its message id and its id.
    static let propertiesKey = "properties"
    static let messageIdKey = "messageId"
    static let recordIDKey = "__segment_id"

    /// The event for an added or updated record; for `.deleted`, the deleted shape over the record's
    /// column names.
    public static func event(for record: ModelRecord, change: RecordChange, messageId: String) -> JSONValue {
        guard change != .deleted else {
            return deleted(id: record.id, columnNames: record.columns.keys, messageId: messageId)
        }
        return envelope(change: change, messageId: messageId, properties: record.columns, id: record.id)
    }

    /// The event for a record that vanished from the model: only its identifier is known, so every
    /// model column is present with `null`, the identifier column included; mappings read the
    /// identifier from `$.__segment_id`.
    public static func deleted(id: String, columnNames: [String], messageId: String) -> JSONValue {
        let properties = JSONObject(columnNames.map { ($0, JSONValue.null) })
        return envelope(change: .deleted, messageId: messageId, properties: properties, id: id)
    }

    private static func envelope(change: RecordChange, messageId: String, properties: JSONObject, id: String)
        -> JSONValue
    {
        .object(
            JSONObject(distinctKeys: [
                ("type", "track"),
                ("event", .string(change.rawValue)),
                (messageIdKey, .string(messageId)),
                (propertiesKey, .object(properties)),
                (recordIDKey, .string(id)),
            ]))
    }
}
