import Foundation

/// Places a cron expression's wall-clock times in its time zone, following daylight-saving changes
/// as cron does:
/// - a time the clock skips in spring (02:30 when 02:00 jumps to 03:00) fires when the clock jumps,
///   at the first minute that exists; several skipped times fire there once, together with a
///   firing at that minute itself;
/// - a time the clock repeats in autumn fires once, at its first occurrence.
///
/// So every firing is one instant and later wall-clock times never fire earlier. The spring rule can
/// bring two firings closer in real time than their wall-clock times are: `5,50 1,2 * * *` fires at
/// 01:50 and, for the skipped 02:05, at 03:00 in Berlin on the night the clocks go forward, 10
/// minutes later. Only that night, and never by more than the hour the clocks skip.
///
/// Searches walk the calendar day by day in plain arithmetic and ask `Calendar` only for the days
/// that fire, so a schedule that fires every four years (February 29) costs a few thousand steps.
struct CronCalendar {
    let expression: CronExpression
    private let calendar: Calendar

    init(_ expression: CronExpression, in timeZone: TimeZone) {
        self.expression = expression
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The first firing after `date`.
    func nextSlot(after date: Date) -> Date? {
        var day = civilDay(of: date)
        // An expression that fires at all fires within one calendar cycle.
        for _ in 0...CivilDay.daysPerCycle {
            if expression.fires(on: day), let slot = instants(of: expression.timesOfDay, on: day).first(where: { $0 > date }) {
                return slot
            }
            day = day.next
        }
        return nil
    }

    /// The latest firing at or before `date`.
    func latestSlot(atOrBefore date: Date) -> Date? {
        var day = civilDay(of: date)
        for _ in 0...CivilDay.daysPerCycle {
            if expression.fires(on: day), let slot = instants(of: expression.timesOfDay.reversed(), on: day).first(where: { $0 <= date }) {
                return slot
            }
            day = day.previous
        }
        return nil
    }

    /// The day `date` falls on in the time zone. Any firing on an earlier day is at or before the
    /// start of this day, and any on a later day after its end, so searches start here.
    private func civilDay(of date: Date) -> CivilDay {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return CivilDay(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// The instants the times of day (minutes after midnight) fire on `day`, by the daylight-saving
    /// rules above, computed as they are read.
    private func instants(of timesOfDay: some Sequence<Int>, on day: CivilDay) -> some Sequence<Date> {
        let dayStart = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))
        return timesOfDay.lazy.compactMap { minuteOfDay in
            dayStart.flatMap {
                calendar.date(
                    bySettingHour: minuteOfDay / 60, minute: minuteOfDay % 60, second: 0, of: $0,
                    matchingPolicy: .nextTime, repeatedTimePolicy: .first, direction: .forward)
            }
        }
    }
}
