import Foundation

/// Decides when a mapping's ``Schedule`` wants a sync, from when its last run started.
///
/// - Interval: due when the mapping never ran (interval schedules run at once when enabled, as in
///   Segment) or when the interval has passed since the last run started.
/// - Day and time: the slots are the chosen weekdays at the hour, in ``timeZone``, following its
///   daylight-saving changes (an hour skipped in spring falls on the next hour that exists; an hour
///   repeated in autumn counts once, at its first occurrence). Due when a slot has passed since the
///   last run started; a mapping that never ran waits for the first slot after `since` (when the
///   scheduler began watching), so starting the scheduler does not sync a weekly mapping off its
///   slot.
/// - Cron: the same as day and time, with the slots of the expression in its own time zone (not
///   ``timeZone``); see ``CronCalendar`` for how they follow daylight-saving changes.
/// - Manual: never due.
///
/// Either way only whether *some* run was missed matters, never how many: a machine that slept
/// through five slots syncs once when it wakes, and the next run is counted from that sync.
public struct ScheduleCalendar: Sendable {
    public let timeZone: TimeZone
    private let calendar: Calendar

    public init(timeZone: TimeZone = .current) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// - Parameters:
    ///   - lastStart: when the mapping's last run started; nil when it never ran.
    ///   - since: when the scheduler began watching; a mapping that never ran is not due before it.
    ///   - now: the time to decide for.
    public func nextRun(of schedule: Schedule, lastStart: Date?, since: Date, now: Date) -> NextRun {
        switch schedule {
        case .manual:
            return .never
        case .interval(let minutes):
            let due = lastStart.map { $0.addingTimeInterval(Double(minutes) * 60) } ?? since
            return due <= now ? .due(since: due) : .at(due)
        case .weekly(let days, let hour):
            return slotted(
                latest: latestSlot(days: days, hour: hour, atOrBefore: now), next: { nextSlot(days: days, hour: hour, after: now) },
                reference: lastStart ?? since)
        case .cron(let expression, let zone):
            let cron = CronCalendar(expression, in: zone.timeZone)
            return slotted(latest: cron.latestSlot(atOrBefore: now), next: { cron.nextSlot(after: now) }, reference: lastStart ?? since)
        }
    }

    /// Due since the latest slot when it passed after `reference` (the last start, or when watching
    /// began); otherwise the next slot.
    private func slotted(latest: Date?, next: () -> Date?, reference: Date) -> NextRun {
        if let latest, latest > reference { return .due(since: latest) }
        return next().map(NextRun.at) ?? .never
    }

    /// The latest slot at or before `date`, looking back a week.
    func latestSlot(days: Set<Weekday>, hour: Int, atOrBefore date: Date) -> Date? {
        slots(days: days, hour: hour, around: date, dayOffsets: (-7...0).reversed()).first { $0 <= date }
    }

    /// The first slot after `date`, looking ahead a week.
    func nextSlot(days: Set<Weekday>, hour: Int, after date: Date) -> Date? {
        slots(days: days, hour: hour, around: date, dayOffsets: 0...7).first { $0 > date }
    }

    /// The slots on the days `dayOffsets` away from `date`'s day, in the order of the offsets.
    private func slots(
        days: Set<Weekday>, hour: Int, around date: Date, dayOffsets: some Sequence<Int>
    ) -> some Sequence<Date> {
        let today = calendar.startOfDay(for: date)
        return dayOffsets.lazy.compactMap { offset -> Date? in
            guard let day = calendar.date(byAdding: .day, value: offset, to: today),
                let weekday = Weekday(calendarWeekday: calendar.component(.weekday, from: day)),
                days.contains(weekday)
            else { return nil }
            return calendar.date(
                bySettingHour: hour, minute: 0, second: 0, of: day, matchingPolicy: .nextTime,
                repeatedTimePolicy: .first, direction: .forward)
        }
    }
}

extension Weekday {
    /// `Calendar`'s weekday numbering: 1 is Sunday, 7 is Saturday.
    init?(calendarWeekday: Int) {
        let sundayFirst: [Weekday] = [.sun, .mon, .tue, .wed, .thu, .fri, .sat]
        guard sundayFirst.indices.contains(calendarWeekday - 1) else { return nil }
        self = sundayFirst[calendarWeekday - 1]
    }
}
