import BackflowSink
import Foundation
import Testing

@testable import BackflowCore

/// The sync logs: one `sync_runs` row per run and one `sync_changes` row per record per run, whose
/// counts add up — extracted = delivered + failed + skipped, per run and per kind of change — for
/// full, incremental, partial and failed runs.
@Suite struct SyncAuditLogTests {
    /// The run's row of `sync_runs` and its `sync_changes` counted by change and outcome.
    struct Logged {
        var run: [String: Int64] = [:]
        var status = ""
        var changes: [String: Int64] = [:]
        var messageIDs: Set<String> = []

        /// extracted = delivered + failed + skipped for the run, and for each kind in `sync_changes`.
        func addsUp(_ kinds: [RecordChange] = RecordChange.allCases) -> Bool {
            let whole = run["extracted"] == run["delivered"]! + run["failed"]! + run["skipped"]!
            let perKind = kinds.allSatisfy { kind in
                let logged = ["delivered", "failed", "skipped"].reduce(Int64(0)) { $0 + (changes["\(kind.rawValue) \($1)"] ?? 0) }
                return logged == (run[Self.column(of: kind)] ?? 0)
            }
            return whole && perKind
        }

        /// The `sync_runs` column counting a kind of change (`sync_changes.change` spells it as Segment does).
        static func column(of kind: RecordChange) -> String {
            switch kind {
            case .added: "added"
            case .updated: "updated"
            case .deleted: "deleted"
            }
        }
    }

    func logged(_ fixture: SyncFixture, runID: Int64) throws -> Logged {
        let database = try StateDatabase(path: fixture.folder + "/.backflow/history.sqlite")
        var logged = Logged()
        try database.rows(
            "SELECT extracted, added, updated, deleted, delivered, failed, skipped, status FROM sync_runs WHERE run_id = ?",
            [.integer(runID)]
        ) { row in
            for (index, name) in ["extracted", "added", "updated", "deleted", "delivered", "failed", "skipped"].enumerated() {
                if case .integer(let value) = row.value(at: index) { logged.run[name] = value }
            }
            if case .string(let status) = row.value(at: 7) { logged.status = status }
        }
        try database.rows(
            "SELECT change, outcome, count(*) FROM sync_changes WHERE run_id = ? GROUP BY change, outcome", [.integer(runID)]
        ) { row in
            if case .string(let change) = row.value(at: 0), case .string(let outcome) = row.value(at: 1),
                case .integer(let count) = row.value(at: 2)
            {
                logged.changes["\(change) \(outcome)"] = count
            }
        }
        try database.rows(
            "SELECT message_id FROM sync_changes WHERE run_id = ? AND outcome = 'delivered'", [.integer(runID)]
        ) { row in
            if case .string(let id) = row.value(at: 0) { logged.messageIDs.insert(id) }
        }
        return logged
    }

    @Test func fullAndIncrementalRunsLogEveryRecordWithItsMessageId() async throws {
        let fixture = try await SyncFixture(users: 200)
        let session = try fixture.session([SyncFixture.Mapping()])
        let full = try await fixture.sync(session, "Identify users")
        let first = try logged(fixture, runID: try #require(full.run?.id))
        #expect(first.status == "success" && first.addsUp())
        #expect(first.changes == ["new delivered": 200])
        let received = Set(await fixture.received().compactMap { $0["messageId"]?.stringValue })
        #expect(first.messageIDs == received)

        try fixture.execute("UPDATE users SET plan = 'pro' WHERE score <= 10")
        try fixture.execute("DELETE FROM users WHERE score > 195")
        let incremental = try await fixture.sync(session, "Identify users")
        let second = try logged(fixture, runID: try #require(incremental.run?.id))
        #expect(second.addsUp())
        #expect(second.changes == ["updated delivered": 10, "deleted skipped": 5])
        #expect(second.run["extracted"] == 15 && second.run["skipped"] == 5)
        try await fixture.stop()
    }

    @Test func aPartialRunLogsEachFailureWithItsCode() async throws {
        let fixture = try await SyncFixture(users: 50)
        try fixture.execute("UPDATE users SET notes = printf('%.40000c', 'x') WHERE score <= 3")
        try fixture.execute("INSERT INTO users VALUES (NULL, 'nobody@example.com', 'free', 0, NULL)")
        let session = try fixture.session([SyncFixture.Mapping()])
        let result = try await fixture.sync(session, "Identify users")
        let run = try logged(fixture, runID: try #require(result.run?.id))
        #expect(run.status == "partial" && run.addsUp())
        #expect(run.changes == ["new delivered": 47, "new failed": 4])
        let database = try StateDatabase(path: fixture.folder + "/.backflow/history.sqlite")
        var codes: [String] = []
        try database.rows("SELECT error_code FROM sync_changes WHERE outcome = 'failed' ORDER BY error_code") { row in
            if case .string(let code) = row.value(at: 0) { codes.append(code) }
        }
        #expect(codes == ["message_too_large", "message_too_large", "message_too_large", "missing_id"])
        try await fixture.stop()
    }

    @Test func aFailuresOnlyLogKeepsTheFailuresAndTheRunsCounts() async throws {
        let fixture = try await SyncFixture(users: 50)
        try fixture.execute("UPDATE users SET notes = printf('%.40000c', 'x') WHERE score <= 3")
        let session = try fixture.session([SyncFixture.Mapping()], settings: ["sync_log: failures"])
        let result = try await fixture.sync(session, "Identify users")
        let run = try logged(fixture, runID: try #require(result.run?.id))
        #expect(run.status == "partial")
        #expect(run.run["delivered"] == 47 && run.run["failed"] == 3)
        #expect(run.changes == ["new failed": 3])
        try await fixture.stop()
    }

    @Test func aFailedRunsCountsStillAddUp() async throws {
        let fixture = try await SyncFixture(users: 300, faults: SinkFaults(failRate: 1, failStatus: 500, seed: 3))
        let session = try fixture.session([SyncFixture.Mapping()])
        let result = try await fixture.sync(session, "Identify users")
        let run = try logged(fixture, runID: try #require(result.run?.id))
        #expect(run.status == "failed")
        #expect(run.run["extracted"] == run.run["delivered"]! + run.run["failed"]! + run.run["skipped"]!)
        #expect(run.run["delivered"] == 0)
        try await fixture.stop()
    }

    @Test func aNewReleaseReadsTheRunsOfTheEarlierLayout() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("history.sqlite").path
        let old = try StateDatabase(path: path)
        try old.run(
            """
            CREATE TABLE backflow_runs (id INTEGER PRIMARY KEY AUTOINCREMENT, mapping TEXT NOT NULL, status TEXT NOT NULL,
                started_at REAL NOT NULL, finished_at REAL, extracted INTEGER NOT NULL DEFAULT 0,
                added INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0,
                delivered INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0, expired INTEGER NOT NULL DEFAULT 0,
                error TEXT, interrupted INTEGER NOT NULL DEFAULT 0, pid INTEGER NOT NULL, error_code TEXT, mapping_key TEXT)
            """)
        try old.run(
            "CREATE TABLE backflow_run_errors (run_id INTEGER NOT NULL, record_id TEXT NOT NULL, change TEXT NOT NULL, "
                + "reason TEXT NOT NULL, sample_payload TEXT, code TEXT)")
        try old.run(
            "INSERT INTO backflow_runs (mapping, status, started_at, finished_at, extracted, added, delivered, failed, pid) "
                + "VALUES ('A', 'partial', 100, 110, 3, 3, 2, 1, 1)")
        try old.run("INSERT INTO backflow_run_errors VALUES (1, 'u7', 'new', 'HTTP 400', '{\"userId\":\"u7\"}', 'rejected')")
        let history = try SQLiteRunHistory(path: path)
        let run = try #require(try history.run(id: 1))
        #expect(run.status == .partial && run.delivered == 2 && run.failed == 1 && run.mapping == "A")
        #expect(try history.errors(runID: 1, limit: 5).map(\.recordID) == ["u7"])
        #expect(try history.errors(runID: 1, limit: 5).first?.samplePayload == ["userId": "u7"])
    }
}
