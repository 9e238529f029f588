import Foundation

/// A time zone named by its IANA identifier (`Europe/Berlin`, `America/New_York`, `UTC`), as
/// Segment's cron schedules take it.
///
/// Keeps the name as written: Foundation reports some zones under another name (`UTC` as `GMT`),
/// and the workspace must save back what the user wrote.
public struct IANATimeZone: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let timeZone: TimeZone

    /// Nil unless `TimeZone(identifier:)` knows the name. Foundation also makes up fixed-offset
    /// zones from `GMT+1` or `UTC-0530`, which are no IANA names and are refused; the IANA
    /// spelling of a fixed offset is `Etc/GMT-1` (the sign inverted, as POSIX has it).
    public init?(_ name: String) {
        guard !Self.isFixedOffsetSpelling(name), let timeZone = TimeZone(identifier: name) else { return nil }
        self.name = name
        self.timeZone = timeZone
    }

    /// `GMT+1`, `UTC-05:30` and the like: Foundation's names for fixed offsets, not IANA's.
    public static func isFixedOffsetSpelling(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["GMT+", "GMT-", "UTC+", "UTC-"].contains(where: upper.hasPrefix)
    }

    public var description: String { name }
}
