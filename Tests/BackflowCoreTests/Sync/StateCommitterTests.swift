import Foundation
import Testing
@testable import BackflowCore

/// The committer commits in order, off the calling thread, and a commit that fails stops the ones
/// after it and is reported by the next call.
@Suite struct StateCommitterTests {
    @Test func commitsRunInTheOrderGivenAcknowledgementsBeforeFailures() throws {
        let tracker = RecordingTracker()
        let committer = StateCommitter(tracker: tracker, stateKey: "key", changeLog: nil)
        for batch in 0..<20 {
            try committer.commit(
                acknowledged: [Self.acknowledged("a\(batch)")],
                failed: batch % 5 == 0 ? [FailedChange(recordID: "f\(batch)", change: .added, reason: "bad", code: .validation)] : [],
                log: [], progress: nil, at: Double(batch))
        }
        try committer.finish()
        let expected = (0..<20).flatMap { batch in
            ["ack a\(batch)"] + (batch % 5 == 0 ? ["fail f\(batch) at \(Double(batch))"] : [])
        }
        #expect(tracker.calls == expected)
    }

    @Test func aFailedCommitStopsTheLaterOnesAndIsThrown() throws {
        let tracker = RecordingTracker(failingAt: "b")
        let committer = StateCommitter(tracker: tracker, stateKey: "key", changeLog: nil)
        try committer.commit(acknowledged: [Self.acknowledged("a")], failed: [], log: [], progress: nil, at: 0)
        try committer.commit(acknowledged: [Self.acknowledged("b")], failed: [], log: [], progress: nil, at: 0)
        // The failure may or may not have happened yet: either this commit is refused at once, or it is
        // queued and skipped.
        _ = try? committer.commit(acknowledged: [Self.acknowledged("c")], failed: [], log: [], progress: nil, at: 0)
        #expect(throws: StateError.self) { try committer.finish() }
        #expect(throws: StateError.self) {
            try committer.commit(acknowledged: [Self.acknowledged("d")], failed: [], log: [], progress: nil, at: 0)
        }
        #expect(tracker.calls == ["ack a"])
    }

    /// Each commit's counts reach the history after its log rows, through the committer's own
    /// connection: what a run killed at any point leaves is counts that its rows bear out.
    @Test func aCommitsCountsFollowItsLogInTheHistory() throws {
        let fixture = try StateFixture()
        let path = fixture.folder.historyPath
        let history = try SQLiteRunHistory(path: path)
        let run = try history.start(mapping: "Identify", leaseToken: nil)
        let committer = StateCommitter(tracker: RecordingTracker(), stateKey: "key", changeLog: try SQLiteRunHistory(path: path))
        let reader = try StateDatabase(path: path)
        var delivered = 0
        for batch in 0..<30 {
            let ids = (0..<100).map { "r\(batch)-\($0)" }
            delivered += ids.count
            try committer.commit(
                acknowledged: ids.map(Self.acknowledged), failed: [],
                log: ids.map { RunChange(runID: run, recordID: $0, change: .added, outcome: .delivered, time: Double(batch)) },
                progress: StateCommitter.RunProgress(
                    runID: run, outcome: SyncRunOutcome(counts: ChangeCounts(extracted: delivered, added: delivered), delivered: delivered)),
                at: Double(batch))
            // Read while commits are still being written: never more counted than logged.
            let stored = try #require(try history.run(id: run))
            var logged = 0
            try reader.rows("SELECT count(*) FROM sync_changes WHERE run_id = ?", [.integer(run)]) { row in
                if case .integer(let count) = row.value(at: 0) { logged = Int(count) }
            }
            #expect(stored.delivered <= logged)
        }
        try committer.finish()
        let stored = try #require(try history.run(id: run))
        #expect(stored.delivered == 3_000)
        #expect(stored.counts.added == 3_000)
        #expect(stored.status == .running)
    }

    static func acknowledged(_ id: String) -> AcknowledgedChange {
        AcknowledgedChange(recordID: id, change: .added, checksum: "0123456789abcdef", version: 1)
    }
}

/// A tracker that notes the commits it is given and fails the acknowledgement of one record id.
private final class RecordingTracker: ChangeTracker, @unchecked Sendable {
    // `lock` guards `recorded`: the committer calls from its own thread, the test reads from its own.
    private let lock = NSLock()
    private var recorded: [String] = []
    var fence: LeaseFence?
    private let failingID: String?

    init(failingAt failingID: String? = nil) {
        self.failingID = failingID
    }

    var calls: [String] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    func openState(_ mapping: MappingIdentity) throws -> MappingState {
        MappingState(stateKey: mapping.stateKey, generation: "g")
    }

    func scanChanges(
        of model: ModelDefinition, stateKey: String, problem: (RecordProblem) throws -> Void,
        change: (consuming RecordChangeItem) throws -> Void
    ) throws -> ChangeCounts {
        ChangeCounts()
    }

    func acknowledge(_ changes: [AcknowledgedChange], stateKey: String) throws {
        if changes.contains(where: { $0.recordID == failingID }) {
            throw StateError.cannotOpen(path: "state.sqlite", reason: "disk full")
        }
        note(changes.map { "ack \($0.recordID)" })
    }

    func recordFailures(_ failures: [FailedChange], stateKey: String, at time: Double) throws {
        note(failures.map { "fail \($0.recordID) at \(time)" })
    }

    func expireFailures(olderThan window: Double, stateKey: String, at time: Double) throws -> [ExpiredFailure] {
        []
    }

    func reset(stateKey: String) throws {}

    private func note(_ calls: [String]) {
        lock.lock()
        recorded += calls
        lock.unlock()
    }
}
