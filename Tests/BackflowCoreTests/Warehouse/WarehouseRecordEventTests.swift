import Testing

@testable import BackflowCore

@Suite struct WarehouseRecordEventTests {
    private let record = ModelRecord(id: "usr_1", columns: ["user_id": "usr_1", "email": "a@example.com", "age": 41])

    @Test func addedRecordEventHasColumnsUnderProperties() {
        let event = RecordEvent.event(for: record, change: .added, messageId: "m-1")
        #expect(JSONWriter.compact(event)
            == #"{"type":"track","event":"new","messageId":"m-1","#
            + #""properties":{"user_id":"usr_1","email":"a@example.com","age":41},"__segment_id":"usr_1"}"#)
    }

    @Test func updatedRecordEventIsNamedUpdated() {
        #expect(RecordEvent.event(for: record, change: .updated, messageId: "m")
            .objectValue?["event"] == "updated")
    }

    @Test func deletedRecordEventHasEveryColumnNull() {
        let event = RecordEvent.deleted(id: "usr_1", columnNames: ["user_id", "email", "age"], messageId: "m-2")
        #expect(JSONWriter.compact(event)
            == #"{"type":"track","event":"deleted","messageId":"m-2","#
            + #""properties":{"user_id":null,"email":null,"age":null},"__segment_id":"usr_1"}"#)
        #expect(RecordEvent.event(for: record, change: .deleted, messageId: "m-2") == event)
    }

    @Test func changeRawValuesAreSegmentEventNames() {
        #expect(RecordChange.allCases.map(\.rawValue) == ["new", "updated", "deleted"])
    }

    @Test func checksumIsFNV1aOfCompactColumns() {
        // FNV-1a 64 of the empty object "{}".
        #expect(ModelRecord(id: "x", columns: [:]).checksum == "08f44b07b5901a25")
        #expect(record.checksum.count == 16)
    }

    @Test func checksumIsStable() {
        let same = ModelRecord(id: "usr_1", columns: ["user_id": "usr_1", "email": "a@example.com", "age": 41])
        #expect(record.checksum == same.checksum)
    }

    @Test func checksumChangesWhenAColumnChanges() {
        var columns = record.columns
        columns["age"] = 42
        #expect(ModelRecord(id: "usr_1", columns: columns).checksum != record.checksum)
        columns["age"] = nil
        #expect(ModelRecord(id: "usr_1", columns: columns).checksum != record.checksum)
    }

    @Test func checksumTellsNullFromMissingText() {
        let empty = ModelRecord(id: "1", columns: ["note": ""])
        let null = ModelRecord(id: "1", columns: ["note": nil])
        #expect(empty.checksum != null.checksum)
    }

    @Test(arguments: [
        ("BIGINT", ColumnKind.integer), ("varchar(255)", .text), ("DOUBLE PRECISION", .real),
        ("numeric(10,2)", .real), ("boolean", .boolean), ("jsonb", .json), ("timestamp with time zone", .timestamp),
        ("DATE", .timestamp), ("bytea", .blob), ("uuid", .text), ("", .unknown), ("GEOGRAPHY", .unknown),
    ])
    func typeNamesReduceToKinds(typeName: String, kind: ColumnKind) {
        #expect(ColumnKind(typeName: typeName) == kind)
    }
}
