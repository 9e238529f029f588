/// Segment's `date-like` string format: Ajv's check `dayjs(s).isValid()`, or `dayjs.unix(Number(s))` for
/// a canonical number, run by Node.js with the time zone UTC.
///
/// Three readings, in Segment's order:
/// 1. a canonical number (`String(Number(s)) === s`) is unix **seconds**, valid while it stays inside
///    JavaScript's date range (13-digit milliseconds are read as seconds too);
/// 2. for a string not ending in `Z`/`z`, dayjs' own pattern (``DayjsPattern``): when it matches, dayjs
///    builds the date from its numbers, rolling any out-of-range part over, so it is always valid;
/// 3. otherwise JavaScript's `Date` constructor (``JavaScriptDateParser``), with V8's lenient reading:
///    PostgreSQL's `2024-05-02 10:00:00+00`, BigQuery's `… UTC`, Snowflake's `… -0700`, `05/02/2024`,
///    `May 2024` and RFC 2822 text all pass.
enum DateLikeFormat {
    static func isValid(_ text: String) -> Bool {
        if let number = JavaScriptConversions.number(from: text), JavaScriptConversions.string(from: number) == text {
            return abs(number * 1000) <= JavaScriptDateParser.maximumTimeMilliseconds
        }
        let units = Array(text.utf16)
        // dayjs leaves a string ending in `Z` or `z` to the `Date` constructor.
        if let last = units.last, last != 0x5A, last != 0x7A, DayjsPattern.matches(units) {
            return true
        }
        return JavaScriptDateParser.time(of: text) != nil
    }
}

/// dayjs' `REGEX_PARSE`, `^(\d{4})[-/]?(\d{1,2})?[-/]?(\d{0,2})[Tt\s]*(\d{1,2})?:?(\d{1,2})?:?(\d{1,2})?[.:]?(\d+)?$`,
/// matched over UTF-16 code units as JavaScript does (`\s` is JavaScript's white space, `\d` ASCII).
/// A hand-written matcher keeps this check, which runs for every date-like value, free of regex
/// compilation.
enum DayjsPattern {
    /// One element of the pattern after the year: up to `maximum` code units of one class.
    private struct Element {
        let maximum: Int
        let accepts: @Sendable (UInt16) -> Bool
    }

    private static let digit: @Sendable (UInt16) -> Bool = { (0x30...0x39).contains($0) }
    private static let dateSeparator: @Sendable (UInt16) -> Bool = { $0 == 0x2D || $0 == 0x2F }
    private static let colon: @Sendable (UInt16) -> Bool = { $0 == 0x3A }
    private static let fractionSeparator: @Sendable (UInt16) -> Bool = { $0 == 0x2E || $0 == 0x3A }
    private static let timeSeparator: @Sendable (UInt16) -> Bool = {
        $0 == 0x54 || $0 == 0x74 || JavaScriptDateParser.isWhiteSpace($0)
    }

    private static let elements: [Element] = [
        Element(maximum: 1, accepts: dateSeparator), Element(maximum: 2, accepts: digit),
        Element(maximum: 1, accepts: dateSeparator), Element(maximum: 2, accepts: digit),
        Element(maximum: .max, accepts: timeSeparator), Element(maximum: 2, accepts: digit),
        Element(maximum: 1, accepts: colon), Element(maximum: 2, accepts: digit),
        Element(maximum: 1, accepts: colon), Element(maximum: 2, accepts: digit),
        Element(maximum: 1, accepts: fractionSeparator), Element(maximum: .max, accepts: digit),
    ]

    static func matches(_ units: [UInt16]) -> Bool {
        guard units.count >= 4, units[0..<4].allSatisfy(digit) else { return false }
        return matches(units, from: 4, element: 0)
    }

    /// Whether the elements from `element` on can take exactly `units[position...]`, trying each count
    /// an element may take (the pattern backtracks: `2024123` is `2024`, `12`, `3`).
    private static func matches(_ units: [UInt16], from position: Int, element: Int) -> Bool {
        guard element < elements.count else { return position == units.count }
        let current = elements[element]
        var run = 0
        while run < current.maximum, position + run < units.count, current.accepts(units[position + run]) { run += 1 }
        // An unbounded element is followed only by elements that cannot take what it takes, so only its
        // longest run can lead to a match.
        let counts = current.maximum == .max ? [run] : Array((0...run).reversed())
        return counts.contains { matches(units, from: position + $0, element: element + 1) }
    }
}
