/// Why a cron expression was refused; ``message`` says it as the user reads it.
public enum CronExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not five whitespace-separated fields.
    case fieldCount(Int)
    /// One field's text, and what is wrong with it.
    case field(CronField, text: String, problem: CronFieldProblem)
    /// No month has any of the chosen days of the month (`0 0 30 2 *`).
    case neverFires
    /// Two firings can be closer than Segment allows.
    case tooFrequent(CronGap)

    public var description: String {
        switch self {
        case .fieldCount(let count):
            return "expected 5 fields (minute hour day-of-month month day-of-week) but found \(count)"
        case .field(let field, let text, let problem):
            return "\(field) field \(YAMLQuoting.quoted(text)): " + Self.describe(problem, of: field)
        case .neverFires:
            return "never fires: none of the chosen months has any of the chosen days of the month"
        case .tooFrequent(let gap):
            return "fires \(gap.minutes) minutes apart (\(gap.described)); runs must be at least "
                + "\(CronExpression.minimumMinutesApart) minutes apart, as in Segment"
        }
    }

    private static func describe(_ problem: CronFieldProblem, of field: CronField) -> String {
        switch problem {
        case .emptyItem:
            return "a list item is empty"
        case .notAValue(let text):
            return "expected \(field.expectedValue) but found \(YAMLQuoting.quoted(text))"
        case .outOfRange(let text):
            return "\(text) is out of range: expected \(field.expectedValue)"
        case .backwardsRange(let from, let to):
            return "the range \(from)-\(to) runs backwards; cron ranges do not wrap around, so list both parts"
        case .badStep(let text):
            return "expected a step of 1 or more after \"/\" but found \(YAMLQuoting.quoted(text))"
        }
    }
}

/// What is wrong with one field of a cron expression.
public enum CronFieldProblem: Sendable, Equatable {
    /// An empty list item: `1,,2` or a trailing comma.
    case emptyItem
    /// Neither a number nor one of the field's names.
    case notAValue(String)
    case outOfRange(String)
    /// `5-1`: cron ranges do not wrap around.
    case backwardsRange(from: String, to: String)
    /// A step that is not a whole number of at least 1.
    case badStep(String)
}

/// The two closest firings of an expression, as times of day.
public struct CronGap: Sendable, Equatable {
    /// Minutes after midnight of the earlier firing.
    public let from: Int
    /// Minutes after midnight of the later firing; on the next day when ``crossesMidnight``.
    public let to: Int
    public let crossesMidnight: Bool

    public var minutes: Int { crossesMidnight ? 24 * 60 - from + to : to - from }

    /// `at 23:55 and at 00:05 the next day`.
    var described: String {
        "at \(Self.clock(from)) and at \(Self.clock(to))" + (crossesMidnight ? " the next day" : "")
    }

    private static func clock(_ minuteOfDay: Int) -> String {
        (minuteOfDay / 60).zeroPadded(to: 2) + ":" + (minuteOfDay % 60).zeroPadded(to: 2)
    }
}
