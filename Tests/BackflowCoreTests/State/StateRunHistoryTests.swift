import Foundation
import Testing

@testable import BackflowCore

@Suite("State run history")
struct StateRunHistoryTests {
    static let deadProcess: Int32 = 999_999

    private func history(_ fixture: StateFixture, processID: Int32 = getpid()) throws -> SQLiteRunHistory {
        try SQLiteRunHistory(
            path: fixture.folder.historyPath, clock: { [unowned fixture] in fixture.now }, processID: processID,
            isProcessAlive: { $0 != Self.deadProcess })
    }

    @Test(
        arguments: [
            (0, 0, nil, SyncRunStatus.success), (5, 0, nil, .success), (5, 2, nil, .partial), (0, 2, nil, .failed),
            (5, 0, "warehouse unreachable", .failed),
        ] as [(Int, Int, String?, SyncRunStatus)])
    func statusFollowsDeliveriesAndFailures(delivered: Int, failed: Int, error: String?, status: SyncRunStatus) {
        #expect(SyncRunStatus.of(delivered: delivered, failed: failed, error: error) == status)
    }

    @Test func finishedRunKeepsCountsTimesAndStatus() throws {
        let fixture = try StateFixture()
        let history = try history(fixture)
        let id = try history.start(mapping: "Identify users", leaseToken: nil)
        #expect(try history.run(id: id)?.status == .running)
        fixture.now += 12
        let outcome = SyncRunOutcome(
            counts: ChangeCounts(extracted: 10, added: 7, updated: 2, deleted: 1), delivered: 9, failed: 1, expired: 3)
        let run = try #require(try history.finish(id, outcome: outcome))
        #expect(run.status == .partial)
        #expect(run.counts == outcome.counts)
        #expect([run.delivered, run.failed, run.expired] as [Int] == [9, 1, 3])
        #expect(run.duration == 12)
        #expect(run.error == nil)
        #expect(!run.interrupted)
    }

    @Test func runsAreListedNewestFirstPerMapping() throws {
        let fixture = try StateFixture()
        let history = try history(fixture)
        let first = try history.start(mapping: "A", leaseToken: nil)
        try history.finish(first, outcome: SyncRunOutcome())
        let other = try history.start(mapping: "B", leaseToken: nil)
        try history.finish(other, outcome: SyncRunOutcome())
        let second = try history.start(mapping: "A", leaseToken: nil)
        try history.finish(second, outcome: SyncRunOutcome(failed: 1))
        #expect(try history.runs(mapping: "A", limit: 10).map(\.id) == [second, first])
        #expect(try history.runs(mapping: nil, limit: 2).map(\.id) == [second, other])
        #expect(try history.lastRun(mapping: "A")?.status == .failed)
        #expect(try history.lastRun(mapping: "C") == nil)
    }

    /// A sync's log mixes batches of delivered records, whose rows share all but their ids, with
    /// failures and skipped records: every row reads back as it was given, in the order given.
    @Test func everyChangeIsLoggedAsGivenInOrder() throws {
        let fixture = try StateFixture()
        let history = try history(fixture)
        let run = try history.start(mapping: "A", leaseToken: nil)
        var generator = SeededGenerator(seed: 15)
        var changes: [RunChange] = []
        var batch = 0
        while changes.count < 700 {
            batch += 1
            let kind: RecordChange = batch.isMultiple(of: 3) ? .updated : .added
            for _ in 0..<Int.random(in: 1...90, using: &generator) {
                let number = changes.count
                let id = MessageID(high: UInt64(number), low: 7)
                let change: RunChange =
                    switch generator.next() % 10 {
                    case 0:
                        RunChange(
                            runID: run, recordID: "user-\(number)", change: kind, outcome: .failed, code: .validation,
                            reason: "bad \(number)", messageID: id, batch: batch,
                            samplePayload: number.isMultiple(of: 2) ? .object(["n": .integer(Int64(number))]) : nil,
                            time: Double(batch) + 0.5)
                    case 1:
                        RunChange(
                            runID: run, recordID: "user-\(number)", change: .deleted, outcome: .skipped, time: 0.25)
                    default:
                        RunChange(
                            runID: run, recordID: "user-\(number)", change: kind, outcome: .delivered, messageID: id,
                            batch: batch, time: Double(batch) + 0.25)
                    }
                changes.append(change)
            }
        }
        try history.addChanges(changes)
        let database = try StateDatabase(path: fixture.folder.historyPath)
        var stored: [[JSONValue]] = []
        try database.rows(
            "SELECT run_id, record_id, change, outcome, error_code, reason, message_id, batch, sample_payload, at "
                + "FROM sync_changes ORDER BY rowid"
        ) { row in stored.append((0..<10).map(row.value(at:))) }
        let expected: [[JSONValue]] = changes.map { change in
            [
                .integer(change.runID), .string(change.recordID), .string(change.change.rawValue),
                .string(change.outcome.rawValue), change.code.map { .string($0.rawValue) } ?? .null,
                change.reason.map(JSONValue.string) ?? .null, change.messageID.map { .string($0.description) } ?? .null,
                change.batch.map { .integer(Int64($0)) } ?? .null,
                change.samplePayload.map { .string(JSONWriter.compact($0)) } ?? .null, .number(change.time),
            ]
        }
        #expect(stored.count == changes.count)
        #expect(stored == expected)
    }

    @Test func recordErrorsKeepReasonAndSamplePayload() throws {
        let fixture = try StateFixture()
        let history = try history(fixture)
        let id = try history.start(mapping: "A", leaseToken: nil)
        let errors = [
            RunRecordError(
                runID: id, recordID: "7", change: .added, reason: "HTTP 400", code: .rejected, samplePayload: ["userId": "7"]),
            RunRecordError(runID: id, recordID: "8", change: .deleted, reason: "too large", code: .messageTooLarge, samplePayload: nil),
        ]
        try history.addErrors(errors)
        #expect(try history.errors(runID: id, limit: 10) == errors)
        #expect(try history.errors(runID: id, limit: 1) == [errors[0]])
    }

    @Test func runOfAnEndedProcessReadsAsInterrupted() throws {
        let fixture = try StateFixture()
        let id = try history(fixture, processID: Self.deadProcess).start(mapping: "A", leaseToken: nil)
        let run = try #require(try history(fixture).run(id: id))
        #expect(run.status == .failed)
        #expect(run.interrupted)
        #expect(run.statusText == "failed (interrupted)")
        #expect(run.error == SyncRun.interruptedReason)
    }

    @Test func runOfALiveProcessReadsAsRunning() throws {
        let fixture = try StateFixture()
        let id = try history(fixture, processID: 4242).start(mapping: "A", leaseToken: nil)
        #expect(try history(fixture).run(id: id)?.status == .running)
    }

    @Test func nextStartStoresLeftoverRunAsInterrupted() throws {
        let fixture = try StateFixture()
        let history = try history(fixture)
        let killed = try history.start(mapping: "A", leaseToken: nil)
        let next = try history.start(mapping: "A", leaseToken: nil)
        let stored = try #require(try history.run(id: killed))
        #expect(stored.status == .failed)
        #expect(stored.interrupted)
        #expect(try history.run(id: next)?.status == .running)
    }

    @Test func aRunKeepsTheCodeOfItsError() throws {
        let fixture = try StateFixture()
        let history = try history(fixture)
        let id = try history.start(mapping: "A", leaseToken: nil)
        let run = try history.finish(id, outcome: SyncRunOutcome(error: "HTTP 401", errorCode: .unauthorized))
        #expect(run?.errorCode == .unauthorized)
    }

    @Test func aHistoryFromAnEarlierReleaseGainsTheCodeColumnsAndKeepsItsRuns() throws {
        let fixture = try StateFixture()
        try FileManager.default.createDirectory(atPath: fixture.folder.path, withIntermediateDirectories: true)
        let old = try SQLiteConnection(path: fixture.folder.historyPath, mode: .readWriteCreate)
        for statement in [
            """
            CREATE TABLE backflow_runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT, mapping TEXT NOT NULL, status TEXT NOT NULL,
                started_at REAL NOT NULL, finished_at REAL,
                extracted INTEGER NOT NULL DEFAULT 0, added INTEGER NOT NULL DEFAULT 0,
                updated INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0,
                delivered INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0,
                expired INTEGER NOT NULL DEFAULT 0, error TEXT, interrupted INTEGER NOT NULL DEFAULT 0,
                pid INTEGER NOT NULL)
            """,
            """
            CREATE TABLE backflow_run_errors (
                run_id INTEGER NOT NULL, record_id TEXT NOT NULL, change TEXT NOT NULL, reason TEXT NOT NULL,
                sample_payload TEXT)
            """,
            "INSERT INTO backflow_runs (mapping, status, started_at, failed, pid) VALUES ('A', 'failed', 1, 1, 1)",
            "INSERT INTO backflow_run_errors VALUES (1, '7', 'new', 'HTTP 400', NULL)",
        ] {
            try old.execute(statement)
        }
        let history = try history(fixture)
        #expect(try history.errors(runID: 1, limit: 10).map(\.code) == [nil])
        let id = try history.start(mapping: "A", leaseToken: nil)
        let error = RunRecordError(runID: id, recordID: "8", change: .added, reason: "bad", code: .validation, samplePayload: nil)
        try history.addErrors([error])
        #expect(try history.errors(runID: id, limit: 10) == [error])
        #expect(try history.runs(mapping: "A", limit: 10).count == 2)
    }
}
