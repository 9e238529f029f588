/// What the scheduler needs to know of a mapping. ``ResolvedMapping`` is one; tests use lighter ones.
public protocol SchedulableMapping: Sendable {
    var name: String { get }
    var schedule: Schedule { get }
    /// The mapping and its destination are both enabled: only then does its schedule run.
    var isScheduleActive: Bool { get }
}

extension ResolvedMapping: SchedulableMapping {
    public var schedule: Schedule { config.schedule }
    public var isScheduleActive: Bool { config.enabled && destinationConfig.enabled }
}
