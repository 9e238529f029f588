import Foundation

/// LiquidJS's date filters. A value that does not read as a date comes back unchanged; whole numbers
/// (and texts of digits only) are seconds since the epoch; `now` and `today` are the current time;
/// other texts are read as JavaScript's `new Date(text)` reads them in UTC.
enum LiquidDateFilters {
    /// LiquidJS's default format, for `date` without one.
    static let defaultFormat = "%A, %B %-e, %Y at %-l:%M %P %z"

    static func apply(_ name: String, _ call: LiquidFilterCallValues, memory: inout LiquidMemory) throws(LiquidError)
        -> LiquidValue?
    {
        switch name {
        case "date":
            try memory.use((call.input.length ?? 0) + (call[0].length ?? 0) + (call[1].length ?? 0))
            return try format(call.input, zone: call[1]) { _ in
                call[0].isNil ? defaultFormat : call[0].text
            }
        case "date_to_xmlschema", "date_to_rfc822":
            let pattern = name == "date_to_xmlschema" ? "%Y-%m-%dT%H:%M:%S%:z" : "%a, %d %b %Y %H:%M:%S %z"
            try memory.use((call.input.length ?? 0) + pattern.utf16.count)
            return try format(call.input, zone: .undefined) { _ in pattern }
        case "date_to_string", "date_to_long_string":
            let month = name == "date_to_string" ? "%b" : "%B"
            return try format(call.input, zone: .undefined) { date in
                guard call[0].plain == .string("ordinal") else { return "%d \(month) %Y" }
                return call[1].plain == .string("US") ? "\(month) \(date.day)%q, %Y" : "\(date.day)%q \(month) %Y"
            }
        default:
            return nil
        }
    }

    private static func format(_ value: LiquidValue, zone: LiquidValue, pattern: (LiquidDate) -> String) throws(LiquidError)
        -> LiquidValue
    {
        guard let time = time(of: value), let date = try LiquidDate(time: time, zone: zone) else { return value }
        return .string(try LiquidStrftime.format(date, pattern(date)))
    }

    /// The milliseconds since the epoch a value stands for, nil when it is no date.
    static func time(of value: LiquidValue) -> Double? {
        switch value.plain {
        case nil, .null?, .object?: return nil
        case .string("now")?, .string("today")?: return (Date().timeIntervalSince1970 * 1000).rounded(.down)
        case .integer(let seconds)?: return Double(seconds) * 1000
        case .number(let seconds)?: return seconds * 1000
        case .bool(let flag)?: return flag ? 1 : 0
        case .string(let text)?:
            if !text.isEmpty, text.utf16.allSatisfy(LiquidCharacter.isDigit) {
                return (JavaScriptConversions.number(from: text) ?? .nan) * 1000
            }
            return JavaScriptDateParser.time(of: text)
        case .array?:
            return JavaScriptDateParser.time(of: value.javaScriptString)
        }
    }
}
