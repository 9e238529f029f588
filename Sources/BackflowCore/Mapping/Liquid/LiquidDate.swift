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
        (year, month, day) = Self.civilDate(fromDays: Int(days))
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

    /// Year, month (0-based) and day of a count of days since 1970-01-01, proleptic Gregorian.
    static func civilDate(fromDays days: Int) -> (Int, Int, Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 2 : monthIndex - 10
        return (yearOfEra + era * 400 + (month <= 1 ? 1 : 0), month, day)
    }
}
