/// Segment's `date-like` string format: valid when dayjs can read the string as a date.
///
/// Three readings, in Segment's order:
/// 1. a canonical number (`String(Number(s)) === s`) is unix **seconds**, valid while it stays inside
///    JavaScript's date range;
/// 2. dayjs' own pattern `YYYY[-/]MM[-/]DD[T ]hh:mm:ss.sss` and its shorter forms (local time), for
///    strings not ending in `Z`;
/// 3. otherwise JavaScript's `Date` parser. Backflow accepts the forms of it that matter for warehouse
///    data — ISO-8601 dates and date-times with `Z` or an offset, and RFC 2822 / `Date.toString`-style
///    text (`Tue, 01 Nov 2022 10:00:00 GMT`) — rather than every oddity V8's lenient parser allows.
enum DateLikeFormat {
    /// The largest distance from the epoch, in milliseconds, a JavaScript `Date` can hold.
    private static let dateRangeMilliseconds = 8.64e15

    static func isValid(_ text: String) -> Bool {
        if let number = JavaScriptConversions.number(from: text), JavaScriptConversions.string(from: number) == text {
            return abs(number * 1000) <= dateRangeMilliseconds
        }
        if !text.lowercased().hasSuffix("z"), text.wholeMatch(of: dayjsPattern) != nil { return true }
        return isISODateTime(text) || isHumanReadableDate(text)
    }

    private static var dayjsPattern: Regex<Substring> {
        #/\d{4}[-\/]?\d{0,2}[-\/]?\d{0,2}[Tt\s]*\d{0,2}:?\d{0,2}:?\d{0,2}[.:]?\d*/#
    }

    private static func isISODateTime(_ text: String) -> Bool {
        let pattern =
            #/([+-]\d{6}|\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-](\d{2}):(\d{2}))?)?/#
        guard let match = text.wholeMatch(of: pattern) else { return false }
        let output = match.output
        return inRange(output.2, 1...12) && inRange(output.3, 1...31) && inRange(output.4, 0...24)
            && inRange(output.5, 0...59) && inRange(output.6, 0...59) && inRange(output.7, 0...23)
            && inRange(output.8, 0...59)
    }

    /// `[weekday,] DD Mon YYYY` or `[weekday] Mon DD[,] YYYY`, then an optional time, zone and comment.
    private static func isHumanReadableDate(_ text: String) -> Bool {
        let pattern =
            #/(?:[a-z]+,?\s+)?(?:(\d{1,2})[\s-]+([a-z]{3,})\.?[\s-]+\d{2,4}|([a-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+\d{2,4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*(?:am|pm))?)?(?:\s*(?:gmt|utc|ut|z|[ecmp][sd]t)?\s*(?:[+-]\d{2}:?\d{2})?)?(?:\s*\([^)]*\))?/#
                .ignoresCase()
        guard let match = text.wholeMatch(of: pattern) else { return false }
        let output = match.output
        let monthWord = output.2 ?? output.3
        let day = output.1 ?? output.4
        let weekdayOrNothing = text.prefix { $0.isLetter }
        return isMonthName(monthWord) && inRange(day, 1...31) && inRange(output.5, 0...24)
            && inRange(output.6, 0...59) && inRange(output.7, 0...59)
            && (weekdayOrNothing.isEmpty || isMonthName(weekdayOrNothing) || isWeekdayName(weekdayOrNothing))
    }

    private static func isMonthName(_ word: Substring?) -> Bool {
        guard let word, word.count >= 3 else { return false }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        return months.contains(word.prefix(3).lowercased())
    }

    private static func isWeekdayName(_ word: Substring) -> Bool {
        ["sun", "mon", "tue", "wed", "thu", "fri", "sat"].contains(word.prefix(3).lowercased())
    }

    private static func inRange(_ digits: Substring?, _ range: ClosedRange<Int>) -> Bool {
        guard let digits else { return true }
        guard let value = Int(digits) else { return false }
        return range.contains(value)
    }
}
