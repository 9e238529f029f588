/// A value while a Liquid template renders: the event's JSON, JavaScript's `undefined`, or one of
/// LiquidJS's three special literals (`nil`, `empty`, `blank`), which compare in their own ways.
enum LiquidValue: Sendable, Equatable {
    case undefined
    case json(JSONValue)
    /// The `nil` (or `null`) literal: equal to null and undefined, never greater or less than anything.
    case nilLiteral
    /// The `empty` literal: equal to an empty string, array or object.
    case emptyLiteral
    /// The `blank` literal: `empty`, plus false, null and strings of white space.
    case blankLiteral

    static let emptyString = LiquidValue.json(.string(""))

    static func string(_ text: String) -> LiquidValue { .json(.string(text)) }
    static func number(_ number: Double) -> LiquidValue { .json(.number(number)) }
    static func array(_ items: [LiquidValue]) -> LiquidValue { .json(.array(items.map(\.jsonElement))) }

    /// LiquidJS's `toValue`: the special literals as the plain value they stand for.
    var plain: JSONValue? {
        switch self {
        case .undefined: return nil
        case .json(let value): return value
        case .nilLiteral: return .null
        case .emptyLiteral, .blankLiteral: return .string("")
        }
    }

    /// The value as an array element: JSON has no undefined, and JavaScript writes it out as null.
    var jsonElement: JSONValue { plain ?? .null }

    var isSpecialLiteral: Bool {
        switch self {
        case .nilLiteral, .emptyLiteral, .blankLiteral: return true
        case .undefined, .json: return false
        }
    }

    /// Liquid's truthiness: only false, null and undefined are falsy (`0` and `""` are truthy).
    var isTruthy: Bool {
        switch plain {
        case nil, .null?, .bool(false)?: return false
        default: return true
        }
    }

    /// LiquidJS's `stringify`, how output writes a value: null and undefined as nothing, arrays as their
    /// elements' texts run together, everything else as JavaScript's `String(value)`.
    var text: String {
        guard let value = plain else { return "" }
        return Self.text(of: value)
    }

    static func text(of value: JSONValue) -> String {
        switch value {
        case .null: return ""
        case .string(let text): return text
        case .array(let items): return items.map(text(of:)).joined()
        default: return JavaScriptConversions.string(from: value)
        }
    }

    /// JavaScript's `String(value)`, for the places LiquidJS concatenates or joins without `stringify`.
    var javaScriptString: String {
        guard let value = plain else { return "undefined" }
        return JavaScriptConversions.string(from: value)
    }

    /// JavaScript's `Number(value)`, NaN included.
    var javaScriptNumber: Double {
        guard let value = plain else { return .nan }
        return Self.javaScriptNumber(of: value)
    }

    static func javaScriptNumber(of value: JSONValue) -> Double {
        switch value {
        case .null: return 0
        case .bool(let flag): return flag ? 1 : 0
        case .integer(let number): return Double(number)
        case .number(let number): return number
        case .string(let text): return JavaScriptConversions.number(from: text) ?? .nan
        case .array: return JavaScriptConversions.number(from: JavaScriptConversions.string(from: value)) ?? .nan
        case .object: return .nan
        }
    }

    /// LiquidJS's `toNumber`: `Number(value)`, with NaN read as 0. Math filters take their operands so.
    var number: Double {
        let number = javaScriptNumber
        return number.isNaN ? 0 : number
    }

    /// A string's or an array's JavaScript `length`.
    var length: Int? {
        switch plain {
        case .string(let text)?: return text.utf16.count
        case .array(let items)?: return items.count
        default: return nil
        }
    }

    var arrayItems: [JSONValue]? {
        if case .array(let items)? = plain { return items }
        return nil
    }

    var isNil: Bool {
        switch plain {
        case nil, .null?: return true
        default: return false
        }
    }

    /// LiquidJS's `toArray`: nothing for null and undefined, an array as it is, anything else as a
    /// one-element array.
    var asArray: [JSONValue] {
        switch plain {
        case nil, .null?: return []
        case .array(let items)?: return items
        case let value?: return [value]
        }
    }
}

extension JSONValue {
    /// JavaScript's `ToPropertyKey` for the keys Liquid reads with: numbers as JavaScript prints them.
    var propertyKey: String {
        switch self {
        case .string(let text): return text
        default: return JavaScriptConversions.string(from: self)
        }
    }
}
