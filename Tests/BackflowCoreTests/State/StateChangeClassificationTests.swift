import Foundation
import Testing

@testable import BackflowCore

@Suite("State change classification")
struct StateChangeClassificationTests {
    @Test func firstScanSeesEveryRecordAsAdded() throws {
        let fixture = try StateFixture()
        let result = try fixture.tracker().scan(fixture.model())
        #expect(result.ids == ["1", "2", "3"])
        #expect(result.kinds == [.added, .added, .added])
        #expect(result.counts == ChangeCounts(extracted: 3, added: 3, updated: 0, deleted: 0))
        #expect(result.changes[0].record.columns == ["id": 1, "email": "user1@example.com", "score": 1.5])
    }

    @Test func acknowledgedUnchangedModelYieldsNothing() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        try tracker.sync(fixture.model())
        let result = try tracker.scan(fixture.model())
        #expect(result.changes.isEmpty)
        #expect(result.counts == ChangeCounts())
    }

    @Test func changedRowIsUpdatedWithItsNewChecksum() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        let first = try tracker.sync(fixture.model())
        try fixture.write(["UPDATE customers SET email = 'new@example.com' WHERE id = 2"])
        let result = try tracker.scan(fixture.model())
        #expect(result.ids == ["2"])
        #expect(result.kinds == [.updated])
        #expect(result.changes[0].checksum != first.changes[1].checksum)
        #expect(SQLiteChecksumForm(of: result.changes[0].checksum) == .storedValues)
        #expect(result.changes[0].record.columns["email"] == "new@example.com")
    }

    @Test func insertedRowIsAdded() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        try tracker.sync(fixture.model())
        try fixture.write(["INSERT INTO customers VALUES (10, 'ten@example.com', 0.1)"])
        let result = try tracker.scan(fixture.model())
        #expect(result.ids == ["10"])
        #expect(result.kinds == [.added])
    }

    @Test func vanishedRowIsDeletedWithNullColumnsAfterOtherChanges() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        let first = try tracker.sync(fixture.model())
        try fixture.write(["DELETE FROM customers WHERE id = 1", "INSERT INTO customers VALUES (4, 'x', NULL)"])
        let result = try tracker.scan(fixture.model())
        #expect(result.ids == ["4", "1"])
        #expect(result.kinds == [.added, .deleted])
        let deleted = result.changes[1]
        #expect(deleted.record.columns == ["id": nil, "email": nil, "score": nil])
        #expect(deleted.checksum == first.changes[0].checksum)
        let event = RecordEvent.event(for: deleted.record, change: deleted.change, messageId: "m")
        #expect(event.objectValue?["__segment_id"] == "1")
        #expect(result.counts == ChangeCounts(extracted: 2, added: 1, updated: 0, deleted: 1))
    }

    @Test func acknowledgedDeletionIsForgotten() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        try tracker.sync(fixture.model())
        try fixture.write(["DELETE FROM customers WHERE id = 3"])
        try tracker.sync(fixture.model())
        #expect(try tracker.scan(fixture.model()).changes.isEmpty)
    }

    @Test func unacknowledgedChangesAreSeenAgainWithLatestData() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        try tracker.sync(fixture.model())
        try fixture.write(["UPDATE customers SET score = 99 WHERE id = 1"])
        _ = try tracker.scan(fixture.model())
        try fixture.write(["UPDATE customers SET score = 100 WHERE id = 1"])
        let reopened = try fixture.tracker()
        let result = try reopened.scan(fixture.model())
        #expect(result.ids == ["1"])
        #expect(result.changes[0].record.columns["score"] == 100)
    }

    @Test func partialAcknowledgementLeavesTheRestPending() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        let first = try tracker.scan(fixture.model())
        try tracker.acknowledge(Array(first.acknowledgements.prefix(2)), stateKey: "customers_sync")
        #expect(try tracker.scan(fixture.model()).ids == ["3"])
    }

    @Test func acknowledgingInsideTheScanCallbackIsAllowed() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        var seen: [String] = []
        _ = try tracker.scanChanges(of: fixture.model(), stateKey: "customers_sync", problem: { _ in }) { item in
            seen.append(item.record.id)
            try tracker.acknowledge(
                [AcknowledgedChange(item)],
                stateKey: "customers_sync")
        }
        #expect(seen == ["1", "2", "3"])
        #expect(try tracker.scan(fixture.model()).changes.isEmpty)
    }

    @Test func acknowledgingDuringAScanSurvivesAnotherWritersCommit() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        let otherProcess = try fixture.tracker()
        _ = try tracker.scanChanges(of: fixture.model(), stateKey: "customers_sync", problem: { _ in }) { item in
            try otherProcess.sync(fixture.model(), key: "other_mapping")
            try tracker.acknowledge(
                [AcknowledgedChange(item)],
                stateKey: "customers_sync")
        }
        #expect(try tracker.scan(fixture.model()).changes.isEmpty)
    }

    @Test func stateKeysAreIndependent() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        try tracker.sync(fixture.model(), key: "first")
        #expect(try tracker.scan(fixture.model(), key: "second").ids == ["1", "2", "3"])
    }

    @Test func resetMakesEveryRecordAddedAgain() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        try tracker.sync(fixture.model())
        try tracker.reset(stateKey: "customers_sync")
        let result = try tracker.scan(fixture.model())
        #expect(result.kinds == [.added, .added, .added])
    }

    @Test func realIdentifiersMatchTheirJavaScriptText() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        let model = try fixture.model("SELECT score AS key, email FROM customers ORDER BY id", id: "key")
        let first = try tracker.sync(model)
        #expect(first.ids == ["1.5", "3", "4.5"])
        #expect(try tracker.scan(model).changes.isEmpty)
    }

    @Test func checkpointRecordsScanAndSyncTimes() throws {
        let fixture = try StateFixture()
        let tracker = try fixture.tracker()
        let result = try tracker.scan(fixture.model())
        fixture.now += 10
        try tracker.acknowledge(result.acknowledgements, stateKey: "customers_sync")
        let checkpoint = try tracker.checkpoint(stateKey: "customers_sync")
        #expect(checkpoint == StateCheckpoint(model: "Customers", lastScanAt: 1_700_000_000, lastSyncAt: 1_700_000_010))
    }
}
