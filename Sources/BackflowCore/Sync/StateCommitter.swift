import Foundation

/// Commits a sync's acknowledged and failed records on a thread of its own, through a change tracker
/// of its own (so state connections of its own), while the scan thread goes on reading the model:
/// storing a million checksums took a fifth of the scan thread's time.
///
/// Commits run in the order they are given, one at a time. The `sync_changes` rows of a commit are
/// written after it, in order, on a thread and connection of their own, so that the state's next commit
/// does not wait for the audit of the last (a sixth of a PostgreSQL full sync's time when they took
/// turns); the run's counts as of the commit follow its rows there. Written by the scan thread through
/// a connection of its own, the counts waited for the log's writes to the same file (SQLite's busy
/// handler sleeps: half a second of a million-row sync's scan) and ran the history's checkpoints.
/// At most two commits are held at once, from being queued until their log is written, so the
/// records waiting to be committed stay bounded. The first commit that fails stops the ones after
/// it, and its error is thrown by the next call and by ``throwFailure()``, which the sync checks
/// before handing each batch to delivery: what is delivered once the state cannot be written would
/// only be sent again next time (with the same message ids).
final class StateCommitter: @unchecked Sendable {
    /// Used on `queue` only, which makes this class safe to share: trackers and histories are not `Sendable`.
    private let tracker: any ChangeTracker
    /// Where the run's `sync_changes` rows go, after the state commit they describe; used on `logQueue` only.
    private let changeLog: (any RunHistory)?
    private let stateKey: String
    private let queue = DispatchQueue(label: "backflow-commit")
    private let logQueue = DispatchQueue(label: "backflow-commit-log")
    /// Two commits held, from queued to logged.
    private let slots = DispatchSemaphore(value: 2)
    // `lock` guards `failure`.
    private let lock = NSLock()
    private var failure: (any Error)?

    init(tracker: any ChangeTracker, stateKey: String, changeLog: (any RunHistory)?) {
        self.tracker = tracker
        self.stateKey = stateKey
        self.changeLog = changeLog
    }

    /// Queues a commit of `acknowledged` then `failed` (noted as failing at `time`), then the `log` of
    /// what became of them and the run's `progress` (its counts with this commit), first waiting while
    /// two commits are held; throws the error of a commit that failed before. The log and the counts
    /// are an audit, not state: a history that cannot be written never fails the sync (the run reports
    /// it when it finishes).
    func commit(
        acknowledged: [AcknowledgedChange], failed: [FailedChange], log: [RunChange], progress: RunProgress?,
        at time: Double
    ) throws {
        try throwFailure()
        slots.wait()
        queue.async { [self] in
            guard currentFailure == nil else {
                slots.signal()
                return
            }
            do {
                if !acknowledged.isEmpty { try tracker.acknowledge(acknowledged, stateKey: stateKey) }
                if !failed.isEmpty { try tracker.recordFailures(failed, stateKey: stateKey, at: time) }
            } catch {
                lock.lock()
                failure = error
                lock.unlock()
                slots.signal()
                return
            }
            logQueue.async { [self] in
                defer { slots.signal() }
                if !log.isEmpty { try? changeLog?.addChanges(log) }
                if let progress { try? changeLog?.recordProgress(progress.runID, outcome: progress.outcome) }
            }
        }
    }

    /// A run's counts as of a commit, to store once the commit's log is written.
    struct RunProgress {
        let runID: Int64
        let outcome: SyncRunOutcome
    }

    /// Waits for every queued commit and its log; throws the error of a commit that failed.
    func finish() throws {
        queue.sync {}
        logQueue.sync {}
        try throwFailure()
    }

    private var currentFailure: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    /// Throws the error of a commit that failed, if one did; cheap enough to call per batch.
    func throwFailure() throws {
        if let failure = currentFailure { throw failure }
    }
}
