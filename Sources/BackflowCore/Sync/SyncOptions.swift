import Foundation

/// How a sync runs.
public struct SyncOptions: Sendable {
    /// Build every message but send nothing and remember nothing.
    public var dryRun = false
    /// With `dryRun`, write each message here, one line of JSON naming its mapping (see
    /// ``DryRunOutput``); the file holds every mapping of the sync.
    public var dryRunOutput: String?
    /// Forget what was delivered before: every record of the model is sent again as added.
    public var reset = false
    /// How long a failing record is retried on later syncs (Segment: 14 days).
    public var retryWindow: Double = 14 * 24 * 60 * 60
    /// How batches are packed: the Tracking API's limits unless a receiver wants smaller batches.
    public var batchLimits = BatchLimits.trackingAPI
    /// Batches sent at once per destination.
    public var maximumInFlight = 4
    /// How many record errors a run keeps, with a sample payload each.
    public var maximumStoredErrors = 100
    /// Stops the sync early when requested (Ctrl-C, SIGTERM, quitting the editor), keeping what was
    /// delivered; see ``SyncInterruption``.
    public var interruption = SyncInterruption()
    /// How long to wait for another sync of the mapping (on any host) to release its lease before
    /// giving up; nil refuses at once, naming the holder.
    public var leaseWait: Double?
    /// Count the model's rows before the sync, so that progress can estimate the time left: one more
    /// read of the whole model (a `count(*)` in the warehouse), which output without progress (JSON
    /// for scripts) can do without.
    public var countsModelRows = true
    /// Set by the scheduler: the schedule slot this sync is for. Once it holds the mapping's lease, a
    /// sync finds in the shared run history whether a run (by any host) started at or after the slot
    /// and was not interrupted; then the slot is served and it syncs nothing.
    public var scheduledSlot: Date?

    public init() {}
}
