/// Where a mapping's sync is.
public enum SyncPhase: String, Sendable {
    /// Taking the lock, opening the state, resolving where to send.
    case preparing
    /// Scanning the model for changes and building messages (deliveries already under way).
    case extracting
    /// The scan is done; waiting for the last batches to be acknowledged.
    case loading
    case finished
}

/// A sync's counters at one moment. The CLI's progress line and the TUI's sync view both show these.
public struct SyncProgress: Sendable, Hashable {
    public var mapping: String
    public var phase: SyncPhase = .preparing
    /// Changes found so far, by kind.
    public var counts = ChangeCounts()
    /// Rows the model returns, when known, for an estimate of what is left.
    public var modelRows: Int?
    /// Changes of a kind the mapping does not send (they are remembered, not sent).
    public var skipped = 0
    /// Messages handed to delivery.
    public var sent = 0
    public var delivered = 0
    /// Records that failed Test Mapping or delivery this run.
    public var failed = 0
    public var retries = 0
    /// When the latest back-off ends, in seconds since the sync started (``elapsed``'s clock): a batch
    /// the destination refused (a 429, a 5xx, no answer) waits until then before its next attempt.
    public var backOffEnds: Double?
    /// Seconds since the sync started.
    public var elapsed: Double = 0

    public init(mapping: String) {
        self.mapping = mapping
    }

    /// Whether a batch is waiting for the destination: its back-off (or the attempt after it) has not
    /// been seen through by the time of this progress.
    public var isBackingOff: Bool { backOffEnds.map { elapsed < $0 } ?? false }

    /// Records settled (delivered, failed or skipped) per second.
    public var rate: Double {
        elapsed > 0 ? Double(delivered + failed + skipped) / elapsed : 0
    }

    /// Seconds left at the current rate, when it can be told: the whole model is new (a first or
    /// reset sync), or the scan is over and only deliveries remain.
    public var estimatedSecondsLeft: Double? {
        let settled = delivered + failed + skipped
        guard rate > 0 else { return nil }
        switch phase {
        case .loading: return Double(max(0, counts.extracted - settled)) / rate
        case .extracting: return modelRows.map { Double(max(0, $0 - settled)) / rate }
        case .preparing, .finished: return nil
        }
    }
}

/// What the sync engine reports as it goes.
public enum SyncEvent: Sendable {
    case progress(SyncProgress)
    /// A batch is being retried (a 429, a 5xx or a dropped connection).
    case retrying(mapping: String, DeliveryRetry)
    /// Something the user should read once that concerns no record (a damaged run history was moved
    /// aside and a new one started).
    case notice(String)
    case finished(SyncResult)
}

/// How one mapping's sync ended.
public struct SyncResult: Sendable {
    public let mapping: String
    /// The run as stored in the history; nil for a dry run, which is not recorded.
    public let run: SyncRun?
    public let progress: SyncProgress
    /// The first record errors of the run (the history holds the same).
    public let errors: [RunRecordError]
    /// Records that failed for longer than the retry window and are no longer retried.
    public let expired: [ExpiredFailure]
    /// Why the whole run failed, when it did, or why it was interrupted.
    public let error: String?
    /// The code of ``error``, when it has one (a destination outage, a missing write key).
    public var errorCode: FailureCode? = nil
    /// The sync was stopped on request before it was done (``SyncOptions/interruption``); its counts
    /// are what it achieved until then.
    public var interrupted = false
    /// For a scheduled sync (``SyncOptions/scheduledSlot``) that found its slot served: the run that
    /// served it, perhaps by another host. Nothing was synced.
    public var slotServedBy: SyncRun? = nil
    /// For a sync refused because another sync of the mapping holds its lease: who holds it.
    public var heldBy: LeaseHolder? = nil

    public var succeeded: Bool { error == nil && progress.failed == 0 }
}
