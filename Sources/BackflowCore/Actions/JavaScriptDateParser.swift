/// JavaScript's `Date` constructor reading a string, as V8 (Node.js, the engine Segment's actions run
/// on) does it, with the time zone UTC: the ES5 date-time format first, then, from the first token it
/// does not fit, V8's lenient "legacy" reader, which takes words before the first number, month names,
/// time-zone names, `a.m.`/`p.m.`, parenthesised comments and day, month and year in several orders.
///
/// Segment's `date-like` check hands every string dayjs does not read itself to this constructor, so a
/// string is date-like exactly when V8 makes a date of it; out-of-range parts (`2023-02-29`) roll over
/// rather than fail. Only the verdict and the time matter here, so the reader yields the time value.
enum JavaScriptDateParser {
    /// The largest distance from the epoch, in milliseconds, a JavaScript `Date` can hold.
    static let maximumTimeMilliseconds = 8.64e15

    /// The milliseconds since the epoch `new Date(text)` holds, or nil where it is an invalid date.
    static func time(of text: String) -> Double? {
        var reader = DateTokenReader(Array(text.utf16))
        var day = DayParts()
        var time = TimeParts()
        var zone = ZoneParts()
        var token = readISODateTime(&reader, day: &day, time: &time, zone: &zone)
        if token == .invalid { return nil }
        var hasReadNumber = !day.isEmpty
        while token != .end {
            guard
                readLegacyToken(
                    token, from: &reader, day: &day, time: &time, zone: &zone, hasReadNumber: &hasReadNumber)
            else { return nil }
            token = reader.next()
        }
        guard let date = day.date(), let clock = time.milliseconds(), let offset = zone.offsetSeconds() else {
            return nil
        }
        guard let dayNumber = CivilCalendar.dayNumber(year: date.year, month: date.month, day: date.day) else {
            return nil
        }
        let value = Double(dayNumber) * 86_400_000 + clock - Double(offset ?? 0) * 1000
        return abs(value) <= maximumTimeMilliseconds ? value : nil
    }

    // MARK: - The ES5 date-time format

    /// Reads `[±YY]YYYY[-MM[-DD]][THH:mm[:ss[.s…]][Z|±hh:mm|±hhmm]]` as far as the text follows it. Returns
    /// `.end` when the whole text was read, `.invalid` when a time part broke the format (no legacy
    /// reading then), else the token the legacy reader continues with.
    private static func readISODateTime(
        _ reader: inout DateTokenReader, day: inout DayParts, time: inout TimeParts, zone: inout ZoneParts
    ) -> DateToken {
        if reader.peek.isSign {
            let sign = reader.next()
            guard reader.peek.isNumber(length: 6) else { return sign }
            let year = reader.next().number
            if sign == .symbol("-"), year == 0 { return sign }
            day.add(sign == .symbol("-") ? -year : year)
        } else if reader.peek.isNumber(length: 4) {
            day.add(reader.next().number)
        } else {
            return reader.next()
        }
        if reader.skip("-") {
            guard reader.peek.isNumber(length: 2), DayParts.isMonth(reader.peek.number) else { return reader.next() }
            day.add(reader.next().number)
            if reader.skip("-") {
                guard reader.peek.isNumber(length: 2), DayParts.isDay(reader.peek.number) else { return reader.next() }
                day.add(reader.next().number)
            }
        }
        if reader.peek.keyword?.kind == .timeSeparator {
            _ = reader.next()
            guard readISOTime(&reader, time: &time, zone: &zone), reader.peek == .end else { return .invalid }
        } else if reader.peek != .end {
            return reader.next()
        }
        if zone.isEmpty, time.isEmpty { zone.set(hours: 0) }
        day.isISODate = true
        return .end
    }

    /// `HH:mm[:ss[.s…]]` (24 only as `24:00[:00[.0…]]`) and an optional zone, after the `T`.
    private static func readISOTime(_ reader: inout DateTokenReader, time: inout TimeParts, zone: inout ZoneParts)
        -> Bool
    {
        guard reader.peek.isNumber(length: 2), (0...24).contains(reader.peek.number) else { return false }
        let isHour24 = reader.peek.number == 24
        time.add(reader.next().number)
        guard reader.skip(":"), reader.peek.isNumber(length: 2), TimeParts.isMinute(reader.peek.number),
            !(isHour24 && reader.peek.number > 0)
        else { return false }
        time.add(reader.next().number)
        if reader.skip(":") {
            guard reader.peek.isNumber(length: 2), TimeParts.isSecond(reader.peek.number),
                !(isHour24 && reader.peek.number > 0)
            else { return false }
            time.add(reader.next().number)
            if reader.skip(".") {
                guard reader.peek.isNumber, !(isHour24 && reader.peek.number > 0) else { return false }
                time.add(Self.milliseconds(of: reader.next()))
            }
        }
        if reader.peek.keyword == .zulu {
            _ = reader.next()
            zone.set(hours: 0)
        } else if reader.peek.isSign {
            zone.sign = reader.next() == .symbol("+") ? 1 : -1
            if reader.peek.isNumber(length: 4) {
                let hoursAndMinutes = reader.next().number
                guard TimeParts.isHour(hoursAndMinutes / 100), TimeParts.isMinute(hoursAndMinutes % 100) else {
                    return false
                }
                zone.hours = hoursAndMinutes / 100
                zone.minutes = hoursAndMinutes % 100
            } else {
                guard reader.peek.isNumber(length: 2), TimeParts.isHour(reader.peek.number) else { return false }
                zone.hours = reader.next().number
                guard reader.skip(":"), reader.peek.isNumber(length: 2), TimeParts.isMinute(reader.peek.number) else {
                    return false
                }
                zone.minutes = reader.next().number
            }
        }
        return true
    }

    // MARK: - The legacy reader

    /// Takes one token in V8's legacy reading; false when it makes the text an invalid date.
    private static func readLegacyToken(
        _ token: DateToken, from reader: inout DateTokenReader, day: inout DayParts, time: inout TimeParts,
        zone: inout ZoneParts, hasReadNumber: inout Bool
    ) -> Bool {
        switch token {
        case .number(let number, _):
            hasReadNumber = true
            if reader.skip(":") {
                if reader.skip(":") {
                    guard time.isEmpty else { return false }
                    time.add(number)
                    time.add(0)
                } else {
                    guard time.add(number) else { return false }
                    if reader.peek == .symbol(".") { _ = reader.next() }
                }
            } else if reader.skip("."), time.isExpecting(number) {
                time.add(number)
                guard reader.peek.isNumber else { return false }
                time.addFinal(milliseconds(of: reader.next()))
            } else if zone.isExpectingMinutes(number) {
                zone.minutes = number
            } else if time.isExpecting(number) {
                time.addFinal(number)
                // A finished time is followed by the end, white space, `Z` or a sign.
                let peek = reader.peek
                guard peek == .end || peek == .whiteSpace || peek.keyword == .zulu || peek.isSign else {
                    return false
                }
            } else {
                guard day.add(number) else { return false }
                _ = reader.skip("-")
            }
        case .keyword(let keyword):
            switch keyword.kind {
            case .amPM where !time.isEmpty:
                time.hourOffset = keyword.value
            case .month:
                day.namedMonth = keyword.value
                _ = reader.skip("-")
            case .timeZone where hasReadNumber:
                zone.set(hours: keyword.value)
            default:
                // Words are allowed only before the first number, and apart from it.
                if hasReadNumber || reader.peek.isNumber { return false }
            }
        case .symbol where token.isSign && (zone.isUTC || !time.isEmpty):
            // An offset, after a time or a `UTC`: `+hh:`, `+h`, `+hh`, `+hmm` or `+hhmm`.
            zone.sign = token == .symbol("+") ? 1 : -1
            var number = 0
            var length = 0
            if case .number(let value, let digits) = reader.peek {
                _ = reader.next()
                number = value
                length = digits
            }
            hasReadNumber = true
            if reader.peek == .symbol(":") {
                zone.hours = number
                zone.minutes = nil
            } else if length == 1 || length == 2 {
                zone.hours = number
                zone.minutes = 0
            } else if length == 3 || length == 4 {
                zone.hours = number / 100
                zone.minutes = number % 100
            } else {
                return false
            }
        case .symbol(let symbol) where (token.isSign || symbol == ")") && hasReadNumber:
            return false
        default:
            break
        }
        return true
    }

    /// JavaScript's white space and line terminators (`\s`): ASCII's, U+00A0, U+1680, U+2000 to U+200A,
    /// U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF, but not U+0085.
    static func isWhiteSpace(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// The milliseconds a fraction's digits give: its first three significant digits.
    private static func milliseconds(of token: DateToken) -> Int {
        guard case .number(let number, let digits) = token else { return 0 }
        switch digits {
        case 1: return number * 100
        case 2: return number * 10
        case 3: return number
        default:
            var divisor = 1
            for _ in 3..<min(digits, DateTokenReader.significantDigits) { divisor *= 10 }
            return number / divisor
        }
    }
}

// MARK: - The parts of a date

/// Up to three numbers of a date and perhaps a month's name, put in order when the reading ends.
private struct DayParts {
    private var numbers: [Int] = []
    var namedMonth: Int?
    /// Read as the ES5 format: always year, month, day, and the year as written.
    var isISODate = false

    var isEmpty: Bool { numbers.isEmpty }

    @discardableResult
    mutating func add(_ number: Int) -> Bool {
        guard numbers.count < 3 else { return false }
        numbers.append(number)
        return true
    }

    static func isMonth(_ value: Int) -> Bool { (1...12).contains(value) }
    static func isDay(_ value: Int) -> Bool { (1...31).contains(value) }

    /// Year, month (1-based) and day, or nil when there is no number or the month or day is out of range.
    /// Missing numbers are 1, so a year is always there (`5/2` is in 2001).
    func date() -> (year: Int, month: Int, day: Int)? {
        guard !numbers.isEmpty else { return nil }
        let parts = numbers + Array(repeating: 1, count: 3 - numbers.count)
        var year: Int
        let month: Int
        let day: Int
        if let namedMonth {
            month = namedMonth
            if Self.isDay(parts[0]) {
                (day, year) = (parts[0], parts[1])
            } else {
                (year, day) = (parts[0], parts[1])
            }
        } else if isISODate || !Self.isDay(parts[0]) {
            (year, month, day) = (parts[0], parts[1], parts[2])
        } else {
            (month, day, year) = (parts[0], parts[1], parts[2])
        }
        if !isISODate {
            if (0...49).contains(year) {
                year += 2000
            } else if (50...99).contains(year) {
                year += 1900
            }
        }
        guard Self.isMonth(month), Self.isDay(day) else { return nil }
        return (year, month, day)
    }
}

/// Hour, minute, second and millisecond as read, with `a.m.`/`p.m.` applied when the reading ends.
private struct TimeParts {
    private var parts: [Int] = []
    var hourOffset: Int?

    var isEmpty: Bool { parts.isEmpty }

    /// Whether `value` can be the next part after the hour.
    func isExpecting(_ value: Int) -> Bool {
        switch parts.count {
        case 1: Self.isMinute(value)
        case 2: Self.isSecond(value)
        case 3: (0...999).contains(value)
        default: false
        }
    }

    @discardableResult
    mutating func add(_ value: Int) -> Bool {
        guard parts.count < 4 else { return false }
        parts.append(value)
        return true
    }

    /// Adds the last part read: the ones after it are zero.
    mutating func addFinal(_ value: Int) {
        guard add(value) else { return }
        while parts.count < 4 { parts.append(0) }
    }

    static func isHour(_ value: Int) -> Bool { (0...23).contains(value) }
    static func isMinute(_ value: Int) -> Bool { (0...59).contains(value) }
    static func isSecond(_ value: Int) -> Bool { (0...59).contains(value) }

    /// Milliseconds into the day, or nil when a part is out of range (`24:00:00.000` is allowed).
    func milliseconds() -> Double? {
        let filled = parts + Array(repeating: 0, count: 4 - parts.count)
        var hour = filled[0]
        let (minute, second, millisecond) = (filled[1], filled[2], filled[3])
        if let hourOffset {
            guard (0...12).contains(hour) else { return nil }
            hour = hour % 12 + hourOffset
        }
        let inRange =
            Self.isHour(hour) && Self.isMinute(minute) && Self.isSecond(second) && (0...999).contains(millisecond)
        guard inRange || (hour == 24 && minute == 0 && second == 0 && millisecond == 0) else { return nil }
        return Double(((hour * 60 + minute) * 60 + second) * 1000 + millisecond)
    }
}

/// A UTC offset, or none (local time, which is UTC here).
private struct ZoneParts {
    var sign: Int?
    var hours: Int?
    var minutes: Int?

    var isEmpty: Bool { hours == nil }
    var isUTC: Bool { hours == 0 && minutes == 0 }

    mutating func set(hours offset: Int) {
        sign = offset < 0 ? -1 : 1
        hours = abs(offset)
        minutes = 0
    }

    /// After `+hh:`, a number that can be the minutes.
    func isExpectingMinutes(_ value: Int) -> Bool {
        hours != nil && minutes == nil && TimeParts.isMinute(value)
    }

    /// The offset in seconds: `.some(nil)` for none; nil when it overflows V8's small integers.
    func offsetSeconds() -> Int?? {
        guard let sign else { return .some(nil) }
        let magnitude = UInt32(truncatingIfNeeded: hours ?? 0) &* 3600 &+ UInt32(truncatingIfNeeded: minutes ?? 0) &* 60
        guard magnitude <= UInt32(Int32.max) else { return nil }
        return .some(sign * Int(magnitude))
    }
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar.
enum CivilCalendar {
    /// The day number of a date whose month and day are in range; nil for years JavaScript's `MakeDay`
    /// refuses (beyond a million years), whose dates are out of range anyway.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int? {
        guard (-1_000_000...1_000_000).contains(year) else { return nil }
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day number (the inverse of ``dayNumber(year:month:day:)``), by the era arithmetic
    /// of the civil calendar (400-year eras of 146,097 days starting on March 1st); months from 1.
    static func date(dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

// MARK: - Tokens

private struct DateKeyword: Equatable {
    enum Kind { case unknown, month, timeZone, timeSeparator, amPM }
    let kind: Kind
    let value: Int
    let length: Int

    static let zulu = DateKeyword(kind: .timeZone, value: 0, length: 1)

    /// V8's table: a word matches by its first three letters, ASCII case ignored; only month names may
    /// be longer than their entry (`September`, `Mayday`).
    static func named(prefix: [UInt16], length: Int) -> DateKeyword {
        let word = String(decoding: prefix.prefix(while: { $0 != 0 }), as: UTF16.self)
        if let month = months.firstIndex(of: word), word.count == 3 {
            return DateKeyword(kind: .month, value: month + 1, length: length)
        }
        guard length <= 3, let entry = others[word] else {
            return DateKeyword(kind: .unknown, value: 0, length: length)
        }
        return DateKeyword(kind: entry.kind, value: entry.value, length: length)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let others: [String: (kind: Kind, value: Int)] = [
        "am": (.amPM, 0), "pm": (.amPM, 12),
        "ut": (.timeZone, 0), "utc": (.timeZone, 0), "z": (.timeZone, 0), "gmt": (.timeZone, 0),
        "cdt": (.timeZone, -5), "cst": (.timeZone, -6), "edt": (.timeZone, -4), "est": (.timeZone, -5),
        "mdt": (.timeZone, -6), "mst": (.timeZone, -7), "pdt": (.timeZone, -7), "pst": (.timeZone, -8),
        "t": (.timeSeparator, 0),
    ]
}

private enum DateToken: Equatable {
    /// A run of digits: its value (from the first nine digits after leading zeros) and how many digits
    /// it had, zeros included.
    case number(Int, digits: Int)
    case symbol(Character)
    case keyword(DateKeyword)
    case whiteSpace
    case unknown
    case end
    case invalid

    var isNumber: Bool {
        if case .number = self { return true }
        return false
    }

    func isNumber(length: Int) -> Bool {
        if case .number(_, let digits) = self { return digits == length }
        return false
    }

    var number: Int {
        if case .number(let value, _) = self { return value }
        return 0
    }

    var isSign: Bool { self == .symbol("+") || self == .symbol("-") }

    var keyword: DateKeyword? {
        if case .keyword(let keyword) = self { return keyword }
        return nil
    }
}

/// V8's date tokenizer over UTF-16 code units, one token of lookahead. A NUL code unit ends the text,
/// as it does for V8; every code unit from `A` up but white space (non-ASCII included) belongs to a word.
private struct DateTokenReader {
    static let significantDigits = 9

    private let units: [UInt16]
    private var index = 0
    private(set) var peek: DateToken = .end

    init(_ units: [UInt16]) {
        self.units = units
        peek = scan()
    }

    mutating func next() -> DateToken {
        let token = peek
        peek = scan()
        return token
    }

    mutating func skip(_ symbol: Character) -> Bool {
        guard peek == .symbol(symbol) else { return false }
        peek = scan()
        return true
    }

    private var current: UInt16 { index < units.count ? units[index] : 0 }

    private mutating func scan() -> DateToken {
        let unit = current
        switch unit {
        case 0:
            return .end
        case 0x30...0x39:
            let start = index
            while current == 0x30 { index += 1 }
            var value = 0
            var significant = 0
            while (0x30...0x39).contains(current) {
                if significant < Self.significantDigits { value = value * 10 + Int(current - 0x30) }
                significant += 1
                index += 1
            }
            return .number(value, digits: index - start)
        case 0x3A, 0x2D, 0x2B, 0x2E, 0x29:
            index += 1
            return .symbol(Character(Unicode.Scalar(UInt8(unit))))
        case 0x41... where !JavaScriptDateParser.isWhiteSpace(unit):
            var prefix: [UInt16] = [0, 0, 0]
            var length = 0
            while current >= 0x41, !JavaScriptDateParser.isWhiteSpace(current) {
                if length < 3 { prefix[length] = current | 0x20 }
                length += 1
                index += 1
            }
            return .keyword(.named(prefix: prefix, length: length))
        case _ where JavaScriptDateParser.isWhiteSpace(unit):
            index += 1
            return .whiteSpace
        case 0x28:
            var depth = 0
            repeat {
                if current == 0x29 {
                    depth -= 1
                } else if current == 0x28 {
                    depth += 1
                }
                index += 1
            } while depth > 0 && current != 0
            return .unknown
        default:
            index += 1
            return .unknown
        }
    }
}
