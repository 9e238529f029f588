import Foundation

/// The scheduler's time and its way of waiting, replaceable so tests run a week in a moment.
public struct SchedulerClock: Sendable {
    public var now: @Sendable () -> Date
    /// Waits; throws when the waiting task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    public static let system = SchedulerClock(now: { Date() }, sleep: { try await Task.sleep(for: $0) })
}
