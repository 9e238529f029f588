import BackflowSink
import Foundation
import Testing
@testable import BackflowCore

/// A sync from a real PostgreSQL warehouse into a real receiver: change detection in the warehouse's
/// `backflow` schema, the model read in read-only transactions.
@Suite struct PostgresSyncTests {
    static let seed = """
        CREATE TABLE accounts (account_id bigint PRIMARY KEY, name text, plan text, mrr numeric(10,2), created_at timestamptz);
        INSERT INTO accounts
            SELECT n, 'Account ' || n, CASE WHEN n % 3 = 0 THEN 'pro' ELSE 'free' END, n * 1.5,
                   timestamptz '2024-01-01 00:00:00+00' + n * interval '1 hour'
            FROM generate_series(1, 250) AS n
        """

    let url: String
    let folder: String
    let sink = SinkServer(configuration: SinkConfiguration(port: 0))

    init() throws {
        url = try TestPostgresServer.database(seed: Self.seed)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-pg-sync-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func session(port: Int) throws -> WorkspaceSession {
        try Self.session(in: folder, url: url, port: port)
    }

    /// A workspace in `folder` mapping the seeded accounts of the database at `url` to a receiver on `port`.
    static func session(in folder: String, url: String, port: Int) throws -> WorkspaceSession {
        let text = """
            version: 1
            sources:
              warehouse:
                type: postgres
                url_env: TEST_PG_URL
            models:
              accounts:
                source: warehouse
                id_column: account_id
                query: SELECT * FROM accounts
            destinations:
              segment:
                type: actions-segment
                write_key_env: TEST_WRITE_KEY
                endpoint: http://127.0.0.1:\(port)/v1
            mappings:
              - name: Group accounts
                destination: segment
                model: accounts
                action: sendGroup
                records: added_or_updated
                fields:
                  anonymous_id: {"@template": "owner-{{properties.account_id}}"}
                  group_id: {"@path": "$.properties.account_id"}
                  timestamp: {"@path": "$.properties.created_at"}
                  traits:
                    name: {"@path": "$.properties.name"}
                    plan: {"@path": "$.properties.plan"}
                    mrr: {"@path": "$.properties.mrr"}

            """
        try text.write(toFile: folder + "/backflow.yml", atomically: true, encoding: .utf8)
        return try WorkspaceSession.open(
            path: folder + "/backflow.yml", environment: ["TEST_PG_URL": url, "TEST_WRITE_KEY": "pg-test-key"])
    }

    @Test func syncsAPostgreSQLModelAndThenOnlyItsChanges() async throws {
        let port = try await sink.start()
        let session = try session(port: port)
        let engine = SyncEngine(session: session, environment: session.environment)
        let mapping = try session.mapping(named: "Group accounts")

        let first = await engine.sync(mapping, events: { _ in })
        #expect(first.error == nil)
        #expect(first.progress.counts == ChangeCounts(extracted: 250, added: 250))
        #expect(first.progress.delivered == 250)
        let received = await sink.acceptedMessages().compactMap(\.objectValue)
        let sample = try #require(received.first { $0["groupId"] == "1" })
        #expect(sample["traits"]?.objectValue?["mrr"] == .number(1.5))
        #expect(sample["timestamp"] == "2024-01-01T01:00:00Z")

        let writer = try PostgresConnection(url: url, readOnly: false)
        try writer.executeScript("""
            UPDATE accounts SET plan = 'enterprise' WHERE account_id IN (1, 2);
            INSERT INTO accounts VALUES (1000, 'New account', 'free', 0, now());
            DELETE FROM accounts WHERE account_id = 3
            """)
        let second = await engine.sync(mapping, events: { _ in })
        #expect(second.progress.counts == ChangeCounts(extracted: 4, added: 1, updated: 2, deleted: 1))
        #expect(second.progress.delivered == 3)
        #expect(second.progress.skipped == 1)
        #expect(await sink.acceptedMessages().count == 253)

        let third = await engine.sync(mapping, events: { _ in })
        #expect(third.progress.counts == ChangeCounts())
        try await sink.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    @Test func aMissingConnectionURLVariableIsNamed() throws {
        let port = 9
        _ = try session(port: port)
        let session = try WorkspaceSession.open(path: folder + "/backflow.yml", environment: [:])
        let model = try session.model(named: "accounts")
        #expect(throws: WorkspaceError.self) { try session.warehouse(for: model) }
        do {
            _ = try session.warehouse(for: model)
        } catch {
            #expect(error.description.contains("TEST_PG_URL"))
        }
        try? FileManager.default.removeItem(atPath: folder)
    }
}
