/// Liquid's operators on values, as LiquidJS applies them: `==` is JavaScript's strict equality
/// (arrays element by element), `<` and `>` JavaScript's loose ordering, and `nil`, `empty` and `blank`
/// compare in their own ways and are never greater or less than anything.
enum LiquidComparison {
    static func apply(_ operation: LiquidOperator, _ left: LiquidValue, _ right: LiquidValue) -> Bool {
        switch operation {
        case .equal: return equals(left, right)
        case .notEqual: return !equals(left, right)
        case .greater: return order(left, right, ifOrdered: { $1 < $0 })
        case .less: return order(left, right, ifOrdered: { $0 < $1 })
        case .greaterOrEqual: return order(left, right, ifOrdered: { $0 >= $1 })
        case .lessOrEqual: return order(left, right, ifOrdered: { $0 <= $1 })
        case .contains: return contains(left, right)
        case .not: return !right.isTruthy
        case .and: return left.isTruthy && right.isTruthy
        case .or: return left.isTruthy || right.isTruthy
        }
    }

    static func equals(_ left: LiquidValue, _ right: LiquidValue) -> Bool {
        if left.isSpecialLiteral { return specialLiteral(left, equals: right) }
        if right.isSpecialLiteral { return specialLiteral(right, equals: left) }
        switch (left.plain, right.plain) {
        case (nil, nil): return true
        case (let left?, let right?): return strictlyEqual(left, right)
        default: return false
        }
    }

    private static func strictlyEqual(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.array(let lefts), .array(let rights)):
            return lefts.count == rights.count && zip(lefts, rights).allSatisfy { strictlyEqual($0, $1) }
        case (.array, _), (_, .array): return false
        case (.string(let lefts), .string(let rights)): return lefts.utf16.elementsEqual(rights.utf16)
        default: return left == right
        }
    }

    private static func specialLiteral(_ literal: LiquidValue, equals other: LiquidValue) -> Bool {
        switch literal {
        case .nilLiteral:
            return other.isNil
        case .emptyLiteral:
            return !other.isEmptyOrBlankLiteral && isEmptyValue(other)
        case .blankLiteral:
            if other.isEmptyOrBlankLiteral { return false }
            switch other.plain {
            case nil, .null?, .bool(false)?: return true
            case .string(let text)?: return text.unicodeScalars.allSatisfy(\.isJavaScriptWhitespace)
            default: return isEmptyValue(other)
            }
        case .undefined, .json:
            return false
        }
    }

    private static func isEmptyValue(_ value: LiquidValue) -> Bool {
        switch value.plain {
        case .string(let text)?: return text.isEmpty
        case .array(let items)?: return items.isEmpty
        case .object(let object)?: return object.isEmpty
        default: return false
        }
    }

    /// JavaScript's `<` family: both sides to primitives; two strings compare by UTF-16 units, anything
    /// else as numbers, where NaN (from undefined, say) makes every comparison false.
    private static func order(
        _ left: LiquidValue, _ right: LiquidValue, ifOrdered compare: (Double, Double) -> Bool
    ) -> Bool {
        if left.isSpecialLiteral || right.isSpecialLiteral { return false }
        let leftPrimitive = left.plain.map(primitive)
        let rightPrimitive = right.plain.map(primitive)
        if case .string(let lefts)? = leftPrimitive, case .string(let rights)? = rightPrimitive {
            let ordering = unitOrdering(lefts, rights)
            return compare(Double(ordering), 0)
        }
        let leftNumber = leftPrimitive.map(LiquidValue.javaScriptNumber(of:)) ?? .nan
        let rightNumber = rightPrimitive.map(LiquidValue.javaScriptNumber(of:)) ?? .nan
        if leftNumber.isNaN || rightNumber.isNaN { return false }
        return compare(leftNumber, rightNumber)
    }

    private static func primitive(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array, .object: return .string(JavaScriptConversions.string(from: value))
        default: return value
        }
    }

    /// -1, 0 or 1 as JavaScript orders two strings: by UTF-16 code units.
    private static func unitOrdering(_ left: String, _ right: String) -> Int {
        var lefts = left.utf16.makeIterator()
        var rights = right.utf16.makeIterator()
        while true {
            switch (lefts.next(), rights.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let leftUnit?, let rightUnit?) where leftUnit != rightUnit: return leftUnit < rightUnit ? -1 : 1
            default: continue
            }
        }
    }

    private static func contains(_ left: LiquidValue, _ right: LiquidValue) -> Bool {
        switch left.plain {
        case .array(let items)?:
            return items.contains { equals(.json($0), right) }
        case .string(let text)?:
            let needle = right.javaScriptString
            return needle.isEmpty || text.utf16Range(of: needle, from: 0) != nil
        default:
            return false
        }
    }
}

extension LiquidValue {
    var isEmptyOrBlankLiteral: Bool {
        switch self {
        case .emptyLiteral, .blankLiteral: return true
        default: return false
        }
    }
}

extension String {
    /// The first occurrence of `needle` at or after UTF-16 offset `start`, in UTF-16 offsets.
    func utf16Range(of needle: String, from start: Int) -> Range<Int>? {
        let haystack = Array(utf16)
        let pattern = Array(needle.utf16)
        guard start >= 0, pattern.count <= haystack.count else { return nil }
        var candidate = start
        while candidate + pattern.count <= haystack.count {
            if haystack[candidate..<(candidate + pattern.count)].elementsEqual(pattern) {
                return candidate..<(candidate + pattern.count)
            }
            candidate += 1
        }
        return nil
    }
}
