import Foundation
import Synchronization
import Testing

@testable import BackflowCore

@Suite("Postgres change tracker")
struct PostgresChangeTrackerTests {
    /// A fresh database per test with three people, a tracker on it and a connection to change data.
    private struct Fixture {
        let tracker: PostgresChangeTracker
        let admin: PostgresConnection
        let model: ModelDefinition

        init() throws {
            let url = try TestPostgresServer.database(seed: """
                CREATE TABLE people (id int4 PRIMARY KEY, name text);
                INSERT INTO people VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Linus');
                """)
            tracker = try PostgresChangeTracker.connect(url: url)
            admin = try PostgresConnection(url: url, readOnly: false)
            model = try PostgresTestModels.model("SELECT id, name FROM people")
        }

        /// The changes of a scan, sorted by kind then id, and the counts.
        func scan(_ key: String = "people_sync") throws -> (items: [RecordChangeItem], counts: ChangeCounts) {
            var items: [RecordChangeItem] = []
            let counts = try tracker.scanChanges(of: model, stateKey: key, problem: { _ in }, change: { items.append($0) })
            return (items, counts)
        }

        func acknowledgeAll(_ key: String = "people_sync") throws {
            let items = try scan(key).items
            try tracker.acknowledge(
                items.map { AcknowledgedChange($0) },
                stateKey: key)
        }
    }

    private func summary(_ items: [RecordChangeItem]) -> [String] {
        items.map { "\($0.change.rawValue) \($0.record.id)" }.sorted()
    }

    @Test func firstScanSeesEveryRecordAsAdded() throws {
        let fixture = try Fixture()
        let scan = try fixture.scan()
        #expect(summary(scan.items) == ["new 1", "new 2", "new 3"])
        #expect(scan.counts == ChangeCounts(extracted: 3, added: 3))
    }

    @Test func scanAfterAcknowledgingEverythingSeesNothing() throws {
        let fixture = try Fixture()
        try fixture.acknowledgeAll()
        #expect(try fixture.scan().items.isEmpty)
    }

    @Test func updatesInsertsAndDeletesAreClassified() throws {
        let fixture = try Fixture()
        try fixture.acknowledgeAll()
        try fixture.admin.executeScript("""
            UPDATE people SET name = 'Ada L.' WHERE id = 1; DELETE FROM people WHERE id = 2;
            INSERT INTO people VALUES (4, 'Barbara');
            """)
        let scan = try fixture.scan()
        #expect(summary(scan.items) == ["deleted 2", "new 4", "updated 1"])
        #expect(scan.counts == ChangeCounts(extracted: 3, added: 1, updated: 1, deleted: 1))
        #expect(scan.items.last?.change == .deleted)
    }

    @Test func deletedRecordHasEveryColumnNull() throws {
        let fixture = try Fixture()
        try fixture.acknowledgeAll()
        try fixture.admin.execute("DELETE FROM people WHERE id = 2")
        let deleted = try #require(try fixture.scan().items.first)
        #expect(deleted.record == ModelRecord(id: "2", columns: ["id": nil, "name": nil]))
        #expect(!deleted.checksum.isEmpty)
    }

    @Test func unacknowledgedChangesAreSeenAgain() throws {
        let fixture = try Fixture()
        _ = try fixture.scan()
        #expect(summary(try fixture.scan().items) == ["new 1", "new 2", "new 3"])
    }

    @Test func acknowledgedDeletionLeavesOnlyTheRecordsVersion() throws {
        let fixture = try Fixture()
        try fixture.acknowledgeAll()
        try fixture.admin.execute("DELETE FROM people WHERE id = 3")
        try fixture.acknowledgeAll()
        #expect(try fixture.scan().items.isEmpty)
        let stored = try fixture.admin.execute(
            "SELECT count(*) FILTER (WHERE checksum <> ''), max(version) FILTER (WHERE checksum = '') "
                + "FROM backflow.records_people_sync")
        #expect(stored.value(row: 0, column: 0) == 2)
        #expect(stored.value(row: 0, column: 1) == 2)
    }

    @Test func aRecordAddedAgainAfterItsDeletionContinuesItsVersions() throws {
        let fixture = try Fixture()
        try fixture.acknowledgeAll()
        try fixture.admin.execute("DELETE FROM people WHERE id = 3")
        try fixture.acknowledgeAll()
        try fixture.admin.execute("INSERT INTO people (id, name) SELECT 3, 'again'")
        let again = try #require(try fixture.scan().items.first)
        #expect(again.change == .added)
        #expect(again.version == 3)
    }

    @Test func aBatchOfNewChangedAndDeletedRecordsIsStoredWhole() throws {
        let fixture = try Fixture()
        try fixture.acknowledgeAll()
        try fixture.admin.executeScript("""
            UPDATE people SET name = 'Ada L.' WHERE id = 1; DELETE FROM people WHERE id = 2;
            INSERT INTO people VALUES (4, 'Barbara'), (5, 'Edsger');
            """)
        try fixture.acknowledgeAll()
        #expect(try fixture.scan().items.isEmpty)
        let stored = try fixture.admin.execute(
            "SELECT string_agg(record_id || ':' || version || ':' || (checksum = '') || ':' || (synced_at IS NOT NULL), ' '"
                + " ORDER BY record_id) FROM backflow.records_people_sync")
        #expect(stored.text(row: 0, column: 0) == "1:2:false:true 2:2:true:true 3:1:false:true 4:1:false:true 5:1:false:true")
    }

    @Test func aNewRecordTheStateHoldsAfterAllIsUpsertedWithItsBatch() throws {
        // New records go in by a copy; one that meets a stored row undoes the copy, and the batch goes
        // in by the upsert instead: here a deletion stored at version 0 by an earlier release, and a
        // record acknowledged twice.
        let fixture = try Fixture()
        try fixture.admin.executeScript("""
            CREATE SCHEMA IF NOT EXISTS backflow;
            CREATE TABLE backflow.records_people_sync (
                record_id text PRIMARY KEY, checksum text NOT NULL, synced_at timestamptz, version int8 NOT NULL DEFAULT 0);
            INSERT INTO backflow.records_people_sync VALUES ('1', '', now(), 0);
            """)
        let first = try fixture.scan().items
        #expect(first.map(\.version) == [1, 1, 1])
        try fixture.tracker.acknowledge(first.map { AcknowledgedChange($0) }, stateKey: "people_sync")
        #expect(try fixture.scan().items.isEmpty)
        let again = first.map { AcknowledgedChange(recordID: $0.record.id, change: .added, checksum: "0123", version: 1) }
        try fixture.tracker.acknowledge(again, stateKey: "people_sync")
        let stored = try fixture.admin.execute(
            "SELECT count(*), count(*) FILTER (WHERE checksum = '0123' AND version = 1) FROM backflow.records_people_sync")
        #expect(stored.value(row: 0, column: 0) == 3)
        #expect(stored.value(row: 0, column: 1) == 3)
    }

    @Test func failuresCountAttemptsAndExpireAfterTheWindow() throws {
        let fixture = try Fixture()
        let failure = FailedChange(recordID: "1", change: .added, reason: "too big", code: .messageTooLarge)
        try fixture.tracker.recordFailures([failure], stateKey: "people_sync", at: 1000)
        #expect(try fixture.tracker.expireFailures(olderThan: 5000, stateKey: "people_sync", at: 1000).isEmpty)
        try fixture.tracker.recordFailures([failure], stateKey: "people_sync", at: 2000)
        #expect(try fixture.tracker.expireFailures(olderThan: 5000, stateKey: "people_sync", at: 6000).isEmpty)
        let expired = try fixture.tracker.expireFailures(olderThan: 5000, stateKey: "people_sync", at: 7000)
        #expect(expired == [ExpiredFailure(recordID: "1", firstFailedAt: 1000, attempts: 2, lastReason: "too big")])
        #expect(summary(try fixture.scan().items) == ["new 2", "new 3"])
        #expect(summary(try fixture.scan().items) == ["new 2", "new 3"])
    }

    @Test func failuresNotedDuringAnOutageStartNoWindowAndKeepTheirCode() throws {
        let fixture = try Fixture()
        let day = 86_400.0
        for time in stride(from: 0.0, through: 15 * day, by: day) {
            try fixture.tracker.recordFailures(
                [FailedChange(recordID: "1", change: .added, reason: "HTTP 401", code: .unauthorized)],
                stateKey: "people_sync", at: time)
        }
        #expect(try fixture.tracker.expireFailures(olderThan: 14 * day, stateKey: "people_sync", at: 16 * day).isEmpty)
        let codes = try fixture.admin.execute("SELECT code FROM backflow.failures_people_sync")
        #expect(codes.text(row: 0, column: 0) == "unauthorized")
        #expect(summary(try fixture.scan().items) == ["new 1", "new 2", "new 3"])
    }

    @Test func aFailuresTableFromAnEarlierReleaseGainsItsColumnsAndKeepsItsWindows() throws {
        let fixture = try Fixture()
        try fixture.admin.executeScript("""
            CREATE SCHEMA IF NOT EXISTS backflow;
            CREATE TABLE backflow.failures_old_sync (
                record_id text PRIMARY KEY, change text NOT NULL, first_failed_at float8 NOT NULL,
                last_failed_at float8 NOT NULL, attempts int4 NOT NULL, last_reason text NOT NULL);
            INSERT INTO backflow.failures_old_sync VALUES ('1', 'new', 0, 0, 1, 'HTTP 400');
            """)
        try fixture.tracker.recordFailures(
            [FailedChange(recordID: "2", change: .added, reason: "invalid", code: .validation)],
            stateKey: "old_sync", at: 100)
        let expired = try fixture.tracker.expireFailures(olderThan: 50, stateKey: "old_sync", at: 120)
        #expect(expired.map(\.recordID) == ["1"])
    }

    @Test func expiredDeletionLeavesTheState() throws {
        let fixture = try Fixture()
        try fixture.acknowledgeAll()
        try fixture.admin.execute("DELETE FROM people WHERE id = 2")
        try fixture.tracker.recordFailures(
            [FailedChange(recordID: "2", change: .deleted, reason: "500", code: .serverError)], stateKey: "people_sync", at: 1000)
        let expired = try fixture.tracker.expireFailures(olderThan: 10, stateKey: "people_sync", at: 2000)
        #expect(expired.map(\.recordID) == ["2"])
        #expect(try fixture.scan().items.isEmpty)
    }

    @Test func acknowledgingClearsFailures() throws {
        let fixture = try Fixture()
        try fixture.tracker.recordFailures(
            [FailedChange(recordID: "1", change: .added, reason: "429", code: .rateLimited)], stateKey: "people_sync", at: 1000)
        try fixture.acknowledgeAll()
        #expect(try fixture.tracker.expireFailures(olderThan: 1, stateKey: "people_sync", at: 9000).isEmpty)
    }

    @Test func resetMakesEveryRecordAddedAgain() throws {
        let fixture = try Fixture()
        try fixture.acknowledgeAll()
        try fixture.tracker.reset(stateKey: "people_sync")
        #expect(summary(try fixture.scan().items) == ["new 1", "new 2", "new 3"])
    }

    @Test func stateLivesInTheBackflowSchemaAndModelTablesAreUntouched() throws {
        let fixture = try Fixture()
        try fixture.acknowledgeAll()
        let tables = try fixture.admin.execute(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables "
                + "WHERE table_schema IN ('public', 'backflow') ORDER BY 1")
        #expect((0..<tables.rowCount).map { tables.text(row: $0, column: 0) } == [
            "backflow.checkpoints", "backflow.failures_people_sync", "backflow.mappings", "backflow.records_people_sync",
            "backflow.schema_version", "backflow.sync_changes", "backflow.sync_leases", "backflow.sync_runs",
            "public.people",
        ])
        let people = try fixture.admin.execute("SELECT name FROM people ORDER BY id")
        #expect((0..<people.rowCount).map { people.text(row: $0, column: 0) } == ["Ada", "Grace", "Linus"])
    }

    @Test func hostsPreparingAFreshWarehouseAtOnceAllSucceed() throws {
        // `IF NOT EXISTS` alone let the second of two hosts fail on a duplicate key in the catalog.
        for _ in 0..<3 {
            let url = try TestPostgresServer.database(seed: "CREATE TABLE people (id int4 PRIMARY KEY); INSERT INTO people VALUES (1)")
            let model = try PostgresTestModels.model("SELECT id FROM people")
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 6) { host in
                do {
                    if host % 2 == 0 { _ = try PostgresRunHistory(url: url) }
                    let tracker = try PostgresChangeTracker.connect(url: url)
                    _ = try tracker.scanChanges(of: model, stateKey: "people", problem: { _ in }) { _ in }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            #expect(failures.withLock { $0 } == [])
        }
    }

    @Test func stateKeysAreSeparate() throws {
        let fixture = try Fixture()
        try fixture.acknowledgeAll("first_mapping")
        #expect(try fixture.scan("second_mapping").items.count == 3)
    }

    @Test func invalidStateKeyIsRefused() throws {
        let fixture = try Fixture()
        #expect(throws: PostgresStateError.invalidStateKey("Bad-Key")) {
            _ = try fixture.scan("Bad-Key")
        }
    }

    @Test func rowsWithoutAUsableIdAreProblems() throws {
        let fixture = try Fixture()
        try fixture.admin.executeScript("ALTER TABLE people DROP CONSTRAINT people_pkey; ALTER TABLE people ALTER COLUMN id DROP NOT NULL")
        try fixture.admin.execute("INSERT INTO people VALUES (NULL, 'Nobody'), (1, 'Ada again')")
        var problems: [RecordProblem.Kind] = []
        let counts = try fixture.tracker.scanChanges(
            of: fixture.model, stateKey: "people_sync", problem: { problems.append($0.kind) }, change: { _ in })
        #expect(problems.sorted { $0.rawValue < $1.rawValue } == [.duplicateUniqueId, .nullUniqueId])
        #expect(counts.added == 3)
    }
}
