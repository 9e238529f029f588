import Foundation

/// One mapping in the scheduler's plan.
public struct PlannedRun: Sendable, Equatable {
    public let mapping: String
    public let schedule: Schedule
    /// False when the mapping or its destination is disabled; its ``next`` is then `.never`.
    public let isActive: Bool
    public let next: NextRun
}

/// What ``SchedulerLoop`` reports as it goes.
public enum SchedulerEvent: Sendable {
    /// Every mapping with its next due time: when the loop starts and after each tick that ran syncs.
    case scheduled([PlannedRun])
    /// A due mapping's sync is starting; it had been due since `dueSince`.
    case started(mapping: String, dueSince: Date)
    case finished(SyncResult)
}
