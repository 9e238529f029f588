import Foundation

/// When a mapping's schedule next wants a sync.
public enum NextRun: Sendable, Hashable {
    /// A sync is due, and has been since this time. However many runs were missed since then,
    /// one sync settles them all.
    case due(since: Date)
    /// Not due yet; due at this time.
    case at(Date)
    /// Never due on its own: a manual schedule, or a mapping that is disabled.
    case never

    public var isDue: Bool {
        if case .due = self { true } else { false }
    }
}
