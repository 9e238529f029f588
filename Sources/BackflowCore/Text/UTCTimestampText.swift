/// Seconds since 1970 as ISO-8601 UTC text, computed with ``CivilCalendar`` rather than a calendar
/// library: the text is the same everywhere, and cheap enough to write once per record.
enum UTCTimestampText {
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    static func iso8601(_ seconds: Int64) -> String {
        let (date, time) = parts(seconds)
        return "\(date)T\(time)Z"
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`: `seconds` to the microsecond (rounded down); a time that is not
    /// finite, or beyond 30,000 years of 1970, reads as the epoch.
    static func iso8601(microsecondsOf seconds: Double) -> String {
        let microseconds = seconds.isFinite && abs(seconds) < 1e12 ? Int64((seconds * 1_000_000).rounded(.down)) : 0
        let whole = microseconds.floorDivided(by: 1_000_000)
        let (date, time) = parts(whole)
        return "\(date)T\(time).\(Int(microseconds - whole * 1_000_000).zeroPadded(to: 6))Z"
    }

    private static func parts(_ seconds: Int64) -> (date: String, time: String) {
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = CivilCalendar.date(dayNumber: Int(days))
        return ("\(year.zeroPadded(to: 4))-\(month.zeroPadded(to: 2))-\(day.zeroPadded(to: 2))",
            "\((secondOfDay / 3600).zeroPadded(to: 2)):\((secondOfDay % 3600 / 60).zeroPadded(to: 2)):"
                + (secondOfDay % 60).zeroPadded(to: 2))
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
