/// ISO-8601 UTC timestamps for the demo, computed without a calendar library so the text is the same
/// everywhere.
enum DemoTimestamp {
    /// 2021-01-01T00:00:00Z, the earliest moment in the demo's history.
    static let historyStart: Int64 = 1_609_459_200
    /// 2025-06-30T00:00:00Z, the demo's "now".
    static let historyEnd: Int64 = 1_751_241_600

    /// `seconds` since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ`.
    static func iso8601(_ seconds: Int64) -> String {
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = CivilCalendar.date(dayNumber: Int(days))
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay % 3600 / 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        value.zeroPadded(to: width)
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
