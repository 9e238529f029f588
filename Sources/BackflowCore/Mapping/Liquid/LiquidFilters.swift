/// Runs a filter by name: Segment's disabled filters fail when reached, LiquidJS's built-in filters
/// work as there, and a name no filter has passes the value through (LiquidJS's lenient default).
enum LiquidFilters {
    /// The filters Segment's runtime turns off (`liquid-directive.ts`).
    static let disabled: Set<String> = [
        "array_to_sentence_string", "concat", "find", "find_exp", "find_index", "find_index_exp", "group_by",
        "group_by_exp", "has", "has_exp", "map", "newline_to_br", "reject", "reject_exp", "reverse", "sort",
        "sort_natural", "uniq", "where_exp", "type",
    ]

    static func apply(
        _ name: String, to input: LiquidValue, arguments: [LiquidValue], memory: inout LiquidMemory
    ) throws(LiquidError) -> LiquidValue {
        if disabled.contains(name) { throw LiquidError(#"filter "\#(name)" is disabled"#) }
        let call = LiquidFilterCallValues(input: input, arguments: arguments)
        if let result = try LiquidTextFilters.apply(name, call, memory: &memory) { return result }
        if let result = try LiquidArrayFilters.apply(name, call, memory: &memory) { return result }
        if let result = LiquidMathFilters.apply(name, call) { return result }
        if let result = LiquidValueFilters.apply(name, call) { return result }
        if let result = try LiquidEncodingFilters.apply(name, call, memory: &memory) { return result }
        if let result = try LiquidDateFilters.apply(name, call, memory: &memory) { return result }
        return input
    }
}

/// A filter's input and evaluated arguments; a missing argument reads as undefined, as in JavaScript.
struct LiquidFilterCallValues {
    let input: LiquidValue
    let arguments: [LiquidValue]

    subscript(_ index: Int) -> LiquidValue {
        index < arguments.count ? arguments[index] : .undefined
    }

    /// The argument, or `fallback` where it is undefined (a JavaScript default parameter).
    func argument(_ index: Int, default fallback: LiquidValue) -> LiquidValue {
        if case .undefined = self[index] { return fallback }
        return self[index]
    }

    /// JavaScript's truthiness of an argument (`if (chars)`).
    func isTruthy(_ index: Int) -> Bool {
        guard let value = self[index].plain else { return false }
        return value.isTruthy
    }
}
