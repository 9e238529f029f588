/// LiquidJS's array filters. A value that is not an array counts as a one-element array (null and
/// undefined as an empty one), and the arrays copied are counted against the memory limit.
enum LiquidArrayFilters {
    static func apply(_ name: String, _ call: LiquidFilterCallValues, memory: inout LiquidMemory) throws(LiquidError)
        -> LiquidValue?
    {
        let items = call.input.asArray
        switch name {
        case "join":
            let separator = call[0].isNil ? " " : call[0].text
            try memory.use(items.count * (1 + separator.utf16.count))
            let joined = items.map { $0.isNull ? "" : JavaScriptConversions.string(from: $0) }.joined(separator: separator)
            try LiquidMemory.check(length: joined.utf16.count)
            return .string(joined)
        case "first":
            guard case .array(let array)? = call.input.plain else { return .emptyString }
            return array.first.map(LiquidValue.json) ?? .undefined
        case "last":
            guard case .array(let array)? = call.input.plain else { return .emptyString }
            return array.last.map(LiquidValue.json) ?? .undefined
        case "sum":
            return .number(try sum(items, property: call[0]))
        case "compact":
            try memory.use(items.count)
            return .json(.array(items.filter { !$0.isNull }))
        case "push":
            try memory.use(items.count + 1)
            return .json(.array(items + [call[0].jsonElement]))
        case "unshift":
            try memory.use(items.count)
            return .json(.array([call[0].jsonElement] + items))
        case "pop":
            return .json(.array(Array(items.dropLast())))
        case "shift":
            try memory.use(items.count)
            return .json(.array(Array(items.dropFirst())))
        case "slice":
            return try slice(call, memory: &memory)
        case "where":
            try memory.use(items.count)
            return try filter(items, call)
        case "sample":
            // LiquidJS shuffles at random; a mapping must give the same message in Test Mapping and in
            // the sync, so Backflow keeps the order (one of the shuffles Segment could have drawn).
            let count = call.argument(0, default: .number(1)).javaScriptNumber
            try memory.use(count)
            let values: [JSONValue] = call.input.isNil ? [] : call.input.arrayItems ?? sliceableUnits(call.input)
            if count == 1 { return values.first.map(LiquidValue.json) ?? .undefined }
            return .json(.array(Array(values[LiquidStringOperations.sliceBounds(count: values.count, start: 0, end: count)])))
        default:
            return nil
        }
    }

    /// `sum: property`: the items' numbers (or their properties' numbers, the property a dotted path),
    /// with what is not a number counted as 0.
    private static func sum(_ items: [JSONValue], property: LiquidValue) throws(LiquidError) -> Double {
        let path = property.plain?.isTruthy == true ? try LiquidStringOperations.split(property.text, by: ".") : []
        var total = 0.0
        for item in items {
            let value = path.reduce(LiquidValue.json(item)) { LiquidProperty.read($0, .string($1)) }
            let number = value.javaScriptNumber
            total += number.isNaN ? 0 : number
        }
        return total
    }

    /// `slice: start, length`: of an array, or of a value's text; a negative start counts from the end.
    private static func slice(_ call: LiquidFilterCallValues, memory: inout LiquidMemory) throws(LiquidError) -> LiquidValue {
        if call.input.isNil { return .json(.array([])) }
        let length = call.argument(1, default: .number(1)).javaScriptNumber
        if let items = call.input.arrayItems {
            var start = call[0].javaScriptNumber
            if start < 0 { start += Double(items.count) }
            try memory.use(length)
            return .json(.array(Array(items[LiquidStringOperations.sliceBounds(count: items.count, start: start, end: start + length)])))
        }
        let text = call.input.text
        var start = call[0].javaScriptNumber
        let count = text.utf16.count
        if start < 0 { start += Double(count) }
        try memory.use(length)
        let units = LiquidStringOperations.units(text)
        return .string(LiquidStringOperations.string(units[LiquidStringOperations.sliceBounds(count: count, start: start, end: start + length)]))
    }

    /// `where: property, value`: the items whose property equals the value, or is truthy without one.
    private static func filter(_ items: [JSONValue], _ call: LiquidFilterCallValues) throws(LiquidError)
        -> LiquidValue
    {
        let path = call[0].text
        let expected = call[1]
        var kept: [JSONValue] = []
        for item in items {
            let value = try LiquidContext.value(atPath: path, in: item)
            let matches: Bool
            if case .undefined = expected { matches = value.isTruthy } else { matches = LiquidComparison.equals(value, expected) }
            if matches { kept.append(item) }
        }
        return .json(.array(kept))
    }

    private static func sliceableUnits(_ value: LiquidValue) -> [JSONValue] {
        value.text.unicodeScalars.map { .string(String($0)) }
    }
}

/// LiquidJS's filters about values in general: `default`, `size`, `json` and its aliases, `to_integer`, `raw`.
enum LiquidValueFilters {
    static func apply(_ name: String, _ call: LiquidFilterCallValues) -> LiquidValue? {
        switch name {
        case "default": return defaultValue(call)
        case "size":
            if case .object(let object)? = call.input.plain, let length = object["length"], length.isTruthy {
                return .json(length)
            }
            return .json(.integer(Int64(call.input.isSpecialLiteral ? 0 : call.input.length ?? 0)))
        case "json", "jsonify", "inspect":
            return LiquidJSONText.text(of: call.input, space: call[0]).map(LiquidValue.string) ?? .undefined
        case "to_integer": return .number(call.input.javaScriptNumber)
        case "raw": return call.input
        default: return nil
        }
    }

    /// `default: fallback`: for null, undefined, false, an empty string or an empty array; with
    /// `allow_false: true`, false is kept.
    private static func defaultValue(_ call: LiquidFilterCallValues) -> LiquidValue {
        let fallback = call[0]
        let value = call.input.plain
        switch value {
        case .string(let text)?: return text.isEmpty ? fallback : call.input
        case .array(let items)?: return items.isEmpty ? fallback : call.input
        case .bool(false)? where allowsFalse(call): return .json(.bool(false))
        default: return call.input.isTruthy ? .json(value ?? .null) : fallback
        }
    }

    private static func allowsFalse(_ call: LiquidFilterCallValues) -> Bool {
        var allowed = false
        for argument in call.arguments.dropFirst() {
            if case .array(let pair)? = argument.plain, pair.first == .string("allow_false") {
                allowed = pair.count > 1 && pair[1].isTruthy
            }
        }
        return allowed
    }
}
