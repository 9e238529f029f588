/// One of the five fields of a cron expression, in the order they are written.
public enum CronField: Int, Sendable, CaseIterable, CustomStringConvertible {
    case minute, hour, dayOfMonth, month, dayOfWeek

    public var description: String {
        switch self {
        case .minute: "minute"
        case .hour: "hour"
        case .dayOfMonth: "day-of-month"
        case .month: "month"
        case .dayOfWeek: "day-of-week"
        }
    }

    /// The values the field may hold; day-of-week allows 7 as a second Sunday.
    var range: ClosedRange<Int> {
        switch self {
        case .minute: 0...59
        case .hour: 0...23
        case .dayOfMonth: 1...31
        case .month: 1...12
        case .dayOfWeek: 0...7
        }
    }

    /// The names the field accepts in place of numbers (any case), by value.
    var names: [String: Int] {
        switch self {
        case .month:
            ["JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12]
        case .dayOfWeek:
            ["SUN": 0, "MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6]
        case .minute, .hour, .dayOfMonth:
            [:]
        }
    }

    /// What a value of the field looks like, for error messages.
    var expectedValue: String {
        switch self {
        case .month: "a month 1-12 or JAN-DEC"
        case .dayOfWeek: "a weekday 0-7 (0 and 7 are Sunday) or SUN-SAT"
        default: "a number \(range.lowerBound)-\(range.upperBound)"
        }
    }
}

extension CronField {
    /// The values a field's text selects: a comma-separated list of `*`, `N`, `N-M`, each optionally
    /// followed by `/step`; `N/step` runs from N to the field's end (as most cron parsers accept).
    /// Day-of-week 7 is folded into 0.
    func values(of text: Substring) throws(CronExpressionError) -> CronValueSet {
        var set = CronValueSet()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            try insertValues(of: item, into: &set, fieldText: text)
        }
        if self == .dayOfWeek, set.contains(7) {
            set = CronValueSet(set.values.map { $0 == 7 ? 0 : $0 })
        }
        return set
    }

    private func insertValues(of item: Substring, into set: inout CronValueSet, fieldText: Substring) throws(CronExpressionError) {
        func failure(_ problem: CronFieldProblem) -> CronExpressionError {
            .field(self, text: String(fieldText), problem: problem)
        }
        guard !item.isEmpty else { throw failure(.emptyItem) }
        let parts = item.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        var step = 1
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), parsed >= 1, parts[1].allSatisfy(\.isASCIIDigit) else {
                throw failure(.badStep(String(parts[1])))
            }
            step = parsed
        }
        let base = parts[0]
        let bounds: ClosedRange<Int>
        if base == "*" {
            bounds = range
        } else if let dash = base.firstIndex(of: "-") {
            let lowerText = base[..<dash], upperText = base[base.index(after: dash)...]
            let lower = try value(of: lowerText, fieldText: fieldText), upper = try value(of: upperText, fieldText: fieldText)
            guard lower <= upper else { throw failure(.backwardsRange(from: String(lowerText), to: String(upperText))) }
            bounds = lower...upper
        } else {
            let single = try value(of: base, fieldText: fieldText)
            bounds = single...(parts.count == 2 ? range.upperBound : single)
        }
        for value in stride(from: bounds.lowerBound, through: bounds.upperBound, by: step) { set.insert(value) }
    }

    private func value(of text: Substring, fieldText: Substring) throws(CronExpressionError) -> Int {
        if !text.isEmpty, text.allSatisfy(\.isASCIIDigit) {
            guard let number = Int(text), range.contains(number) else {
                throw .field(self, text: String(fieldText), problem: .outOfRange(String(text)))
            }
            return number
        }
        if let named = names[text.uppercased()] { return named }
        throw .field(self, text: String(fieldText), problem: .notAValue(String(text)))
    }
}
