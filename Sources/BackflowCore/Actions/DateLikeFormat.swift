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
        if !text.lowercased().hasSuffix("z"), matchesDayjsPattern(text) { return true }
        return isISODateTime(text) || isHumanReadableDate(text)
    }

    /// dayjs' pattern `\d{4}[-/]?\d{0,2}[-/]?\d{0,2}[Tt\s]*\d{0,2}:?\d{0,2}:?\d{0,2}[.:]?\d*`, whole string.
    /// Every part after the year is optional and the parts take different characters, so one greedy
    /// pass decides it; scanning by hand keeps this hot check free of regex compilation.
    private static func matchesDayjsPattern(_ text: String) -> Bool {
        var scanner = DigitScanner(text)
        guard scanner.digits(min: 4, max: 4) != nil else { return false }
        _ = scanner.skip(oneOf: "-/")
        _ = scanner.digits(min: 0, max: 2)
        _ = scanner.skip(oneOf: "-/")
        _ = scanner.digits(min: 0, max: 2)
        while scanner.skip(oneOf: "Tt") || scanner.skipWhitespace() {}
        _ = scanner.digits(min: 0, max: 2)
        _ = scanner.skip(oneOf: ":")
        _ = scanner.digits(min: 0, max: 2)
        _ = scanner.skip(oneOf: ":")
        _ = scanner.digits(min: 0, max: 2)
        _ = scanner.skip(oneOf: ".:")
        _ = scanner.digits(min: 0, max: Int.max)
        return scanner.isAtEnd
    }

    /// ISO-8601 as JavaScript's `Date` reads it: `YYYY[-MM[-DD]]` or `±YYYYYY…`, then optionally
    /// `THH:mm[:ss[.sss]]` and `Z` or `±HH:mm`, with every part in range.
    private static func isISODateTime(_ text: String) -> Bool {
        var scanner = DigitScanner(text)
        if scanner.skip(oneOf: "+-") {
            guard scanner.digits(min: 6, max: 6) != nil else { return false }
        } else {
            guard scanner.digits(min: 4, max: 4) != nil else { return false }
        }
        if scanner.skip(oneOf: "-") {
            guard scanner.number(digits: 2, in: 1...12) else { return false }
            if scanner.skip(oneOf: "-") {
                guard scanner.number(digits: 2, in: 1...31) else { return false }
            }
        }
        if scanner.skip(oneOf: "Tt ") {
            guard scanner.number(digits: 2, in: 0...24), scanner.skip(oneOf: ":"),
                scanner.number(digits: 2, in: 0...59)
            else { return false }
            if scanner.skip(oneOf: ":") {
                guard scanner.number(digits: 2, in: 0...59) else { return false }
                if scanner.skip(oneOf: ".") {
                    guard scanner.digits(min: 1, max: Int.max) != nil else { return false }
                }
            }
            if !scanner.skip(oneOf: "Zz"), scanner.skip(oneOf: "+-") {
                guard scanner.number(digits: 2, in: 0...23), scanner.skip(oneOf: ":"),
                    scanner.number(digits: 2, in: 0...59)
                else { return false }
            }
        }
        return scanner.isAtEnd
    }

    /// `[weekday,] DD Mon YYYY` or `[weekday] Mon DD[,] YYYY`, then an optional time, zone and comment.
    private static func isHumanReadableDate(_ text: String) -> Bool {
        // Reached only by text that is neither a number nor ISO-like, so the pattern is built here.
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

/// A forward-only reader of ASCII digits and punctuation, for the date checks above.
private struct DigitScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    var isAtEnd: Bool { position == bytes.count }

    /// Reads between `min` and `max` digits; nil (reading nothing) when fewer than `min` are there.
    mutating func digits(min: Int, max: Int) -> Int? {
        var value = 0
        var count = 0
        while count < max, position + count < bytes.count, (48...57).contains(bytes[position + count]) {
            value = value &* 10 &+ Int(bytes[position + count] - 48)
            count += 1
        }
        guard count >= min else { return nil }
        position += count
        return value
    }

    /// Reads exactly `digits` digits forming a number within `range`.
    mutating func number(digits: Int, in range: ClosedRange<Int>) -> Bool {
        guard let value = self.digits(min: digits, max: digits) else { return false }
        return range.contains(value)
    }

    /// Reads one character when it is one of `characters` (ASCII).
    mutating func skip(oneOf characters: String) -> Bool {
        guard position < bytes.count, characters.utf8.contains(bytes[position]) else { return false }
        position += 1
        return true
    }

    /// Reads one ASCII whitespace character.
    mutating func skipWhitespace() -> Bool {
        skip(oneOf: " \t\n\r\u{0B}\u{0C}")
    }
}
