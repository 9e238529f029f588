/// A five-field cron expression (minute hour day-of-month month day-of-week), as Segment's Public API
/// accepts for Reverse ETL schedules: at least ``minimumMinutesApart`` minutes between firings.
///
/// Each field is `*`, a value, a range `N-M`, any of those with a step (`*/15`, `1-30/5`, `5/15`
/// meaning 5 to the field's end), or a comma-separated list of them. Months and weekdays may be
/// written by their English three-letter names in any case (`JAN`, `mon`); day-of-week 0 and 7 are
/// both Sunday. When both the day-of-month and the day-of-week field are restricted (do not start
/// with `*`), a day fires when *either* matches, as crontab(5) specifies; otherwise both must match.
///
/// The expression describes wall-clock times; ``ScheduleCalendar`` places them in a time zone.
/// ``text`` keeps the expression as written so a workspace saves back unchanged.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// Segment refuses cron schedules whose runs come closer than this.
    public static let minimumMinutesApart = 15

    public let text: String
    let minutes: CronValueSet
    let hours: CronValueSet
    let daysOfMonth: CronValueSet
    let months: CronValueSet
    /// 0 (Sunday) ... 6.
    let weekdays: CronValueSet
    let dayOfMonthIsRestricted: Bool
    let dayOfWeekIsRestricted: Bool
    /// The minutes after midnight at which a firing day fires, earliest first.
    let timesOfDay: [Int]

    /// Parses and checks the expression: every field valid, some day that fires, and no two firings
    /// closer than ``minimumMinutesApart`` minutes (in wall-clock time; see ``gapBelowMinimum``).
    public init(_ text: String) throws(CronExpressionError) {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == CronField.allCases.count else { throw .fieldCount(fields.count) }
        self.text = text
        minutes = try CronField.minute.values(of: fields[0])
        hours = try CronField.hour.values(of: fields[1])
        daysOfMonth = try CronField.dayOfMonth.values(of: fields[2])
        months = try CronField.month.values(of: fields[3])
        weekdays = try CronField.dayOfWeek.values(of: fields[4])
        dayOfMonthIsRestricted = !fields[2].hasPrefix("*")
        dayOfWeekIsRestricted = !fields[4].hasPrefix("*")
        let minuteValues = minutes.values
        timesOfDay = hours.values.flatMap { hour in minuteValues.map { hour * 60 + $0 } }
        if let gap = try gapBelowMinimum() { throw .tooFrequent(gap) }
    }

    public var description: String { text }

    /// Whether the expression fires on this day (at each of its ``timesOfDay``).
    func fires(on day: CivilDay) -> Bool {
        guard months.contains(day.month) else { return false }
        let dayOfMonthMatches = daysOfMonth.contains(day.day), dayOfWeekMatches = weekdays.contains(day.weekday)
        if dayOfMonthIsRestricted && dayOfWeekIsRestricted { return dayOfMonthMatches || dayOfWeekMatches }
        return dayOfMonthMatches && dayOfWeekMatches
    }

    /// The two closest firings in wall-clock time, over all time, when they are closer than
    /// ``minimumMinutesApart``; nil when none are. Throws ``CronExpressionError/neverFires``.
    ///
    /// Exact because every firing day fires at the same ``timesOfDay``: within a day the closest pair
    /// is the closest two adjacent times; across days it is a day's last time and the next firing
    /// day's first, less than a day apart only when the two days follow each other, and whether any
    /// two firing days do is settled by one 400-year cycle of the calendar (``firingDays``).
    private func gapBelowMinimum() throws(CronExpressionError) -> CronGap? {
        let withinADay = zip(timesOfDay, timesOfDay.dropFirst())
            .map { CronGap(from: $0, to: $1, crossesMidnight: false) }
            .min { $0.minutes < $1.minutes }
        // Never empty: every field selects at least one value.
        let overnight = CronGap(from: timesOfDay.last!, to: timesOfDay.first!, crossesMidnight: true)
        let overnightDecides = overnight.minutes < min(withinADay?.minutes ?? Int.max, Self.minimumMinutesApart)
        let days = firingDays(needTwoInARow: overnightDecides)
        guard days.any else { throw .neverFires }
        let closest = overnightDecides && days.twoInARow ? overnight : withinADay
        return closest.flatMap { $0.minutes < Self.minimumMinutesApart ? $0 : nil }
    }

    /// Whether some day fires, and whether two days in a row do, walking one Gregorian cycle (after
    /// which dates and weekdays repeat) and stopping as soon as the asked question is settled.
    private func firingDays(needTwoInARow: Bool) -> (any: Bool, twoInARow: Bool) {
        var day = CivilDay(year: 2000, month: 1, day: 1)
        // The day before the cycle is the cycle's last day, so the pair across the cycle's end counts.
        var previousFires = fires(on: day.previous)
        var any = false
        for _ in 0..<CivilDay.daysPerCycle {
            let dayFires = fires(on: day)
            if dayFires {
                any = true
                if previousFires { return (true, true) }
                if !needTwoInARow { return (true, false) }
            }
            previousFires = dayFires
            day = day.next
        }
        return (any, false)
    }
}
