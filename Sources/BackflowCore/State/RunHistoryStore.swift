import Foundation

/// Every sync run of the mappings whose state one engine keeps, and what became of each record in each
/// run: the audit tables `sync_runs` and `sync_changes`, in the engine beside the state (PostgreSQL:
/// the `backflow` schema; SQLite: `history.sqlite` in the state folder). One adapter per engine; the
/// layout is documented in README ("Sync logs") and versioned with the state schema.
///
/// A run is stored with its host, process and lease token, and its counts follow its state commits
/// (``recordProgress(_:outcome:)``). A run still marked running whose sync has ended (its lease is
/// gone, or its process on this host ended) was interrupted: it reads as failed with
/// ``SyncRun/interrupted`` set and the counts of its last commit, and is stored so when the next run of
/// its mapping starts. Each instance has a connection of its own; use it from one thread at a time.
public protocol RunHistory: AnyObject {
    /// Records the start of a run of `mapping` by this host and process, holding `leaseToken` (nil for a
    /// run refused before it took the lease), and returns its id. Runs of the mapping left running by a
    /// sync that ended are stored as interrupted first.
    func start(mapping: RunHistoryMapping, leaseToken: String?) throws -> Int64

    /// Stores how the run ended, with its status decided by ``SyncRunStatus/of(delivered:failed:error:)``.
    @discardableResult
    func finish(_ runID: Int64, outcome: SyncRunOutcome) throws -> SyncRun?

    /// Stores a running run's counts so far.
    func recordProgress(_ runID: Int64, outcome: SyncRunOutcome) throws

    /// Stores what became of records in a run (``RunChange``), in one transaction.
    func addChanges(_ changes: [RunChange]) throws

    /// The latest runs, newest first, of one mapping or (nil) of all.
    func runs(mapping: RunHistoryMapping?, limit: Int) throws -> [SyncRun]

    func run(id: Int64) throws -> SyncRun?

    /// The first `limit` records of a run that failed or expired, in the order they were stored.
    func errors(runID: Int64, limit: Int) throws -> [RunRecordError]

    /// Deletes runs (and their records) that started more than `days` days ago.
    func prune(keepingDays days: Int) throws
}

extension RunHistory {
    public func lastRun(mapping: RunHistoryMapping) throws -> SyncRun? {
        try runs(mapping: mapping, limit: 1).first
    }
}

/// A mapping as its runs are kept: the name it ran under, and its state key (see
/// ``MappingIdentity/stateKey``), which runs follow when the mapping is renamed. Runs recorded before
/// state keys were kept are found by name.
public struct RunHistoryMapping: Sendable, Hashable {
    public let name: String
    public let key: String?

    public init(name: String, key: String?) {
        self.name = name
        self.key = key
    }
}

/// What became of one record in one run: a row of `sync_changes`.
public struct RunChange: Sendable, Hashable {
    /// The stored values of `sync_changes.outcome`; they never change once released.
    public enum Outcome: String, Sendable, CaseIterable {
        /// Segment acknowledged its message.
        case delivered
        /// Its message was not sent: the mapping does not send this kind of change.
        case skipped
        /// It could not be delivered (``RunChange/code`` says why); it is retried by the next sync.
        case failed
        /// It failed for longer than the retry window and is no longer retried.
        case expired
    }

    public let runID: Int64
    public let recordID: String
    public let change: RecordChange
    public let outcome: Outcome
    public let code: FailureCode?
    public let reason: String?
    /// The message's id, for a record a message was built for.
    public let messageID: MessageID?
    /// The run's batch (1, 2, …) that carried the message, for a delivered or failed delivery.
    public let batch: Int?
    /// The refused payload, for the first failures of a run (see ``SyncOptions/maximumStoredErrors``).
    public let samplePayload: JSONValue?
    /// Seconds since 1970.
    public let time: Double

    public init(
        runID: Int64, recordID: String, change: RecordChange, outcome: Outcome, code: FailureCode? = nil,
        reason: String? = nil, messageID: MessageID? = nil, batch: Int? = nil, samplePayload: JSONValue? = nil,
        time: Double
    ) {
        self.runID = runID
        self.recordID = recordID
        self.change = change
        self.outcome = outcome
        self.code = code
        self.reason = reason
        self.messageID = messageID
        self.batch = batch
        self.samplePayload = samplePayload
        self.time = time
    }
}
