/// A day of the proleptic Gregorian calendar with its weekday, stepped by plain arithmetic.
///
/// Cron searches walk days one at a time, sometimes for years (a February 29 schedule), so the walk
/// must not ask `Calendar` about every day; only the days that fire are turned into instants.
struct CivilDay: Sendable {
    let year: Int
    /// 1 (January) ... 12.
    let month: Int
    /// 1 ... the month's length.
    let day: Int
    /// 0 (Sunday) ... 6 (Saturday), cron's numbering.
    let weekday: Int

    /// After this many days the Gregorian calendar repeats with the same weekdays: 400 years are
    /// 146,097 days, exactly 20,871 weeks. What holds for every day of one cycle holds for all time.
    static let daysPerCycle = 146_097

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
        // Sakamoto's method: the weekday of a Gregorian date from its year, month offset and day.
        let monthOffsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let shiftedYear = month < 3 ? year - 1 : year
        let total = shiftedYear + shiftedYear / 4 - shiftedYear / 100 + shiftedYear / 400 + monthOffsets[month - 1] + day
        weekday = total % 7
    }

    private init(year: Int, month: Int, day: Int, weekday: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.weekday = weekday
    }

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func length(ofMonth month: Int, in year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    var next: CivilDay {
        let weekday = (self.weekday + 1) % 7
        if day < Self.length(ofMonth: month, in: year) { return CivilDay(year: year, month: month, day: day + 1, weekday: weekday) }
        if month < 12 { return CivilDay(year: year, month: month + 1, day: 1, weekday: weekday) }
        return CivilDay(year: year + 1, month: 1, day: 1, weekday: weekday)
    }

    var previous: CivilDay {
        let weekday = (self.weekday + 6) % 7
        if day > 1 { return CivilDay(year: year, month: month, day: day - 1, weekday: weekday) }
        if month > 1 {
            return CivilDay(year: year, month: month - 1, day: Self.length(ofMonth: month - 1, in: year), weekday: weekday)
        }
        return CivilDay(year: year - 1, month: 12, day: 31, weekday: weekday)
    }
}
