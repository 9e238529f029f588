/// When a mapping syncs on its own. Segment offers fixed intervals and chosen weekdays on the hour,
/// and, through its Public API, cron expressions in a time zone; "Sync now" is always available.
public enum Schedule: Sendable, Equatable {
    case manual
    /// Every so many minutes; only the values in ``Schedule/intervals`` are valid.
    case interval(minutes: Int)
    /// On the chosen weekdays at the start of an hour (0...23).
    case weekly(days: Set<Weekday>, hour: Int)
    /// At the wall-clock times of a cron expression in its own time zone.
    case cron(CronExpression, timeZone: IANATimeZone)

    /// The intervals Segment offers, as written in the file and in minutes, shortest first.
    public static let intervals: [(token: String, minutes: Int)] = [
        ("15m", 15), ("30m", 30), ("1h", 60), ("2h", 120), ("4h", 240),
        ("6h", 360), ("8h", 480), ("12h", 720), ("1d", 1440),
    ]

    public static func intervalToken(minutes: Int) -> String? {
        intervals.first { $0.minutes == minutes }?.token
    }

    public static func intervalMinutes(token: String) -> Int? {
        intervals.first { $0.token == token }?.minutes
    }
}

/// A day of the week, written by its three-letter English abbreviation.
public enum Weekday: String, Sendable, Hashable, CaseIterable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
