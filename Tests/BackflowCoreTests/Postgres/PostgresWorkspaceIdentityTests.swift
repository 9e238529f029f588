import BackflowSink
import Foundation
import Testing
@testable import BackflowCore

/// Workspaces sharing one PostgreSQL warehouse keep their sync state apart, and state kept by the
/// release before workspace identities is taken over rather than started over.
@Suite struct PostgresWorkspaceIdentityTests {
    private static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-pg-ws-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func twoWorkspacesWithAMappingOfTheSameNameEachDeliverEveryRecord() async throws {
        let url = try TestPostgresServer.database(seed: PostgresSyncTests.seed)
        let sinks = [SinkServer(configuration: SinkConfiguration(port: 0)), SinkServer(configuration: SinkConfiguration(port: 0))]
        var results: [SyncResult] = []
        for sink in sinks {
            let session = try PostgresSyncTests.session(in: try Self.folder(), url: url, port: try await sink.start())
            let engine = SyncEngine(session: session, environment: session.environment)
            results.append(await engine.sync(try session.mapping(named: "Group accounts"), events: { _ in }))
        }
        for (result, sink) in zip(results, sinks) {
            #expect(result.error == nil)
            #expect(result.progress.delivered == 250)
            #expect(await sink.acceptedMessages().count == 250)
            try await sink.stop()
        }
        let first = Set(await sinks[0].acceptedMessages().compactMap { $0.objectValue?["messageId"]?.stringValue })
        let second = Set(await sinks[1].acceptedMessages().compactMap { $0.objectValue?["messageId"]?.stringValue })
        #expect(first.isDisjoint(with: second))
    }

    /// A fresh warehouse whose "Group accounts" mapping delivered its 250 records once, and the receiver
    /// that got them (still running).
    private static func syncedOnce() async throws -> (url: String, sink: SinkServer, folder: String, session: WorkspaceSession) {
        let url = try TestPostgresServer.database(seed: PostgresSyncTests.seed)
        let sink = SinkServer(configuration: SinkConfiguration(port: 0))
        let folder = try folder()
        let session = try PostgresSyncTests.session(in: folder, url: url, port: try await sink.start())
        #expect(await SyncEngine(session: session, environment: session.environment)
            .sync(try session.mapping(named: "Group accounts"), events: { _ in }).progress.delivered == 250)
        return (url, sink, folder, session)
    }

    @Test func aStateFromThePreviousReleaseIsTakenOver() async throws {
        let (url, sink, folder, session) = try await Self.syncedOnce()
        let mapping = try session.mapping(named: "Group accounts")

        // The layout of the release before: tables keyed by the mapping's name, no versions, no registry, no
        // schema version, leases or sync logs.
        let identity = try session.identity(of: mapping.config)
        let admin = try PostgresConnection(url: url, readOnly: false)
        try admin.executeScript("""
            ALTER TABLE backflow.records_\(identity.stateKey) RENAME TO records_\(identity.legacyStateKey);
            ALTER TABLE backflow.failures_\(identity.stateKey) RENAME TO failures_\(identity.legacyStateKey);
            ALTER TABLE backflow.records_\(identity.legacyStateKey) DROP COLUMN version;
            UPDATE backflow.checkpoints SET state_key = '\(identity.legacyStateKey)';
            DROP TABLE backflow.mappings;
            DROP TABLE backflow.schema_version;
            DROP TABLE backflow.sync_leases;
            DROP TABLE backflow.sync_runs;
            DROP TABLE backflow.sync_changes;
            UPDATE accounts SET plan = 'enterprise' WHERE account_id = 7;
            """)
        try FileManager.default.removeItem(atPath: folder + "/.backflow/workspace_id")

        let upgraded = try WorkspaceSession.open(path: session.path, environment: session.environment)
        let next = await SyncEngine(session: upgraded, environment: upgraded.environment)
            .sync(try upgraded.mapping(named: "Group accounts"), events: { _ in })
        #expect(next.error == nil)
        #expect(next.progress.counts == ChangeCounts(extracted: 1, updated: 1))
        #expect(await sink.acceptedMessages().count == 251)
        try await sink.stop()
    }

    @Test func aStateOfTheReleaseBeforeLeasesAndSyncLogsIsKept() async throws {
        let (url, sink, _, session) = try await Self.syncedOnce()

        // The layout of the release before: no schema version, leases or sync logs; run history on the host.
        try PostgresConnection(url: url, readOnly: false).executeScript("""
            DROP TABLE backflow.schema_version;
            DROP TABLE backflow.sync_leases;
            DROP TABLE backflow.sync_runs;
            DROP TABLE backflow.sync_changes;
            """)
        let upgraded = try WorkspaceSession.open(path: session.path, environment: session.environment)
        let next = await SyncEngine(session: upgraded, environment: upgraded.environment)
            .sync(try upgraded.mapping(named: "Group accounts"), events: { _ in })
        #expect(next.error == nil)
        #expect(next.progress.counts == ChangeCounts())
        #expect(await sink.acceptedMessages().count == 250)
        let version = try PostgresConnection(url: url, readOnly: false)
            .execute("SELECT max(version) FROM backflow.schema_version")
        #expect(version.text(row: 0, column: 0) == String(PostgresStateSchema.version))
        try await sink.stop()
    }

    @Test func aSchemaOfANewerBackflowIsRefusedNotWritten() async throws {
        let url = try TestPostgresServer.database(seed: PostgresSyncTests.seed)
        let folder = try Self.folder()
        let session = try PostgresSyncTests.session(in: folder, url: url, port: 9)
        let admin = try PostgresConnection(url: url, readOnly: false)
        try PostgresStateSchema.prepare(admin)
        try admin.execute("INSERT INTO backflow.schema_version VALUES (99, now())")
        let refused = await SyncEngine(session: session, environment: session.environment)
            .sync(try session.mapping(named: "Group accounts"), events: { _ in })
        #expect(refused.error?.contains("the backflow schema in this warehouse is at version 99, made by a newer Backflow") == true)
        #expect(refused.errorCode == FailureCode.state)
        let tables = try admin.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'backflow' AND tablename LIKE 'records_%'")
        #expect(tables.text(row: 0, column: 0) == "0")
    }
}

/// A role given a `backflow` schema made for it, and no right to create schemas, keeps its state there.
@Suite struct PostgresPreparedSchemaTests {
    @Test func aRoleWithoutCreateOnTheDatabaseUsesASchemaMadeForIt() throws {
        // Roles belong to the whole server: each run makes its own.
        let role = "prepared_schema_" + UUID().uuidString.prefix(8).lowercased()
        let url = try TestPostgresServer.database(seed: """
            CREATE TABLE people (id int4 PRIMARY KEY, name text);
            INSERT INTO people VALUES (1, 'Ada');
            CREATE ROLE \(role) LOGIN;
            CREATE SCHEMA backflow AUTHORIZATION \(role);
            GRANT SELECT ON people TO \(role);
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            """)
        let roleURL = url.replacingOccurrences(of: "://backflow@", with: "://\(role)@")
        let tracker = try PostgresChangeTracker.connect(url: roleURL)
        let identity = MappingIdentity(workspaceID: "ws_prepared_schema", mappingID: "people", mappingName: "People")
        let state = try tracker.openState(identity)
        var items: [RecordChangeItem] = []
        _ = try tracker.scanChanges(
            of: try PostgresTestModels.model("SELECT id, name FROM people"), stateKey: state.stateKey,
            problem: { _ in }, change: { items.append($0) })
        try tracker.acknowledge(items.map(AcknowledgedChange.init), stateKey: state.stateKey)
        #expect(items.map(\.record.id) == ["1"])
    }

}
