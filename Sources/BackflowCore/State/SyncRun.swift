/// How a sync run ended, as Segment's sync history shows it.
public enum SyncRunStatus: String, Sendable, CaseIterable {
    case running
    /// Nothing failed.
    case success
    /// Some records were delivered and some failed.
    case partial
    /// Nothing was delivered and something failed, or the run itself failed (or was interrupted).
    case failed

    /// The status of a finished run: a run-level error, or failures with no delivery, fail the run.
    public static func of(delivered: Int, failed: Int, error: String?) -> SyncRunStatus {
        if error != nil { return .failed }
        guard failed > 0 else { return .success }
        return delivered > 0 ? .partial : .failed
    }
}

/// One sync of one mapping, as the run history keeps it (a row of `sync_runs`).
///
/// Its counts add up per run: ``counts``' `extracted` = ``delivered`` + ``failed`` + ``skipped`` (records
/// a stopped run never reached count as failed, with the run's error).
public struct SyncRun: Sendable, Hashable {
    public static let interruptedReason =
        "interrupted: the sync process ended before the run finished; the counts are those of its last commit"

    public let id: Int64
    public let mapping: String
    public let status: SyncRunStatus
    /// Seconds since 1970.
    public let startedAt: Double
    public let finishedAt: Double?
    public let counts: ChangeCounts
    public let delivered: Int
    public let failed: Int
    /// Records whose failures passed the retry window in this run.
    public let expired: Int
    /// Why the run failed as a whole, if it did.
    public let error: String?
    /// The code of ``error``, when it has one (a destination outage, a missing write key).
    public var errorCode: FailureCode? = nil
    /// The process running it ended before it finished; the status is then `.failed`.
    public let interrupted: Bool
    /// The host that ran it (nil for runs recorded before hosts were).
    public var host: String? = nil
    /// Records whose change the mapping does not send (see ``MappingConfig/records``).
    public var skipped: Int = 0

    public var duration: Double? { finishedAt.map { $0 - startedAt } }

    /// The status as a person reads it: `failed (interrupted)` for an interrupted run.
    public var statusText: String { interrupted ? "failed (interrupted)" : status.rawValue }
}

/// What a finished run achieved, handed to ``RunHistory/finish(_:outcome:)``.
public struct SyncRunOutcome: Sendable, Hashable {
    public var counts: ChangeCounts
    public var delivered: Int
    public var failed: Int
    public var expired: Int
    /// Records not sent because the mapping does not send their kind of change.
    public var skipped: Int
    public var error: String?
    public var errorCode: FailureCode?
    /// The run was stopped before it was done (Ctrl-C, SIGTERM, quitting the editor): its counts are
    /// what it achieved until then, and the next sync goes on from there.
    public var interrupted: Bool

    public init(
        counts: ChangeCounts = ChangeCounts(), delivered: Int = 0, failed: Int = 0, expired: Int = 0,
        skipped: Int = 0, error: String? = nil, errorCode: FailureCode? = nil, interrupted: Bool = false
    ) {
        self.counts = counts
        self.delivered = delivered
        self.failed = failed
        self.expired = expired
        self.skipped = skipped
        self.error = error
        self.errorCode = errorCode
        self.interrupted = interrupted
    }

    /// The error of a run stopped on request, `cause` saying who asked ("SIGINT (Ctrl-C)").
    public static func interruptedReason(_ cause: String) -> String {
        "interrupted by \(cause): what was delivered is kept; the next sync sends the rest"
    }
}

/// A record that failed in a run: why, the code of that reason, and the payload that was refused (when
/// one was built).
public struct RunRecordError: Sendable, Hashable {
    public let runID: Int64
    public let recordID: String
    public let change: RecordChange
    public let reason: String
    /// Nil only for errors stored by a release before codes existed.
    public let code: FailureCode?
    public let samplePayload: JSONValue?

    public init(
        runID: Int64, recordID: String, change: RecordChange, reason: String, code: FailureCode?,
        samplePayload: JSONValue?
    ) {
        self.runID = runID
        self.recordID = recordID
        self.change = change
        self.reason = reason
        self.code = code
        self.samplePayload = samplePayload
    }
}
