import Foundation

/// A date as LiquidJS's `date` filter holds it: an instant and the time-zone offset it is shown in.
///
/// Segment's runtime runs in UTC, so dates show in UTC unless the filter names an offset (minutes west
/// of UTC, JavaScript's sign) or a time zone; Backflow does the same whatever the machine's zone.
struct LiquidDate {
    /// Milliseconds since the epoch.
    let time: Double
    /// Minutes to subtract from UTC to reach the shown time (positive west of UTC, as JavaScript has it).
    let offsetMinutes: Double
    /// The zone's name as given to the filter, for `%Z`.
    let zoneName: String?

    /// The shown time's parts.
    let year: Int
    /// 0 for January.
    let month: Int
    let day: Int
    let hours: Int
    let minutes: Int
    let seconds: Int
    let milliseconds: Int
    /// 0 for Sunday.
    let weekday: Int

    init?(time: Double, zone: LiquidValue) throws(LiquidError) {
        guard time.isFinite, abs(time) <= JavaScriptDateParser.maximumTimeMilliseconds else { return nil }
        self.time = time
        switch zone.plain {
        case .string(let name)?:
            guard let timeZone = TimeZone(identifier: name) else {
                throw LiquidError("Invalid time zone specified: \(name)")
            }
            offsetMinutes = -Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: time / 1000))) / 60
            zoneName = name
        case nil:
            offsetMinutes = 0
            zoneName = nil
        case let value?:
            offsetMinutes = LiquidValue.json(value).number
            zoneName = ""
        }
        let shown = (time - offsetMinutes * 60_000).rounded(.down)
        guard shown.isFinite, abs(shown) <= JavaScriptDateParser.maximumTimeMilliseconds else { return nil }
        let days = (shown / 86_400_000).rounded(.down)
        let inDay = Int(shown - days * 86_400_000)
        let date = CivilCalendar.date(dayNumber: Int(days))
        (year, month, day) = (date.year, date.month - 1, date.day)
        hours = inDay / 3_600_000
        minutes = inDay / 60_000 % 60
        seconds = inDay / 1000 % 60
        milliseconds = inDay % 1000
        weekday = ((Int(days) % 7) + 11) % 7
    }

    /// The shown time as milliseconds since the epoch (what LiquidJS's `getTime()` gives, offset included).
    var shownTime: Double { time - offsetMinutes * 60_000 }

    var isLeapYear: Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// 1 for the first of January.
    var dayOfYear: Int {
        let lengths = [31, isLeapYear ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return lengths.prefix(month).reduce(0, +) + day
    }

    /// The weekday of the first of January of the shown year.
    var weekdayOfNewYear: Int {
        ((weekday - (dayOfYear - 1)) % 7 + 7) % 7
    }
}
