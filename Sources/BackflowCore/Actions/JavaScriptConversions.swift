/// The JavaScript conversions Segment's runtime applies implicitly, reproduced so that coerced values
/// and normalized statuses come out as they would there.
enum JavaScriptConversions {
    /// `Number(text)` for a string, or `nil` where JavaScript gives `NaN`.
    static func number(from text: String) -> Double? {
        let trimmed = text.trimmingJavaScriptWhitespace()
        if trimmed.isEmpty { return 0 }
        switch trimmed {
        case "Infinity", "+Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: break
        }
        let lowered = trimmed.lowercased()
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lowered.hasPrefix(prefix) {
            let digits = lowered.dropFirst(2)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isHexDigit && Int(String($0), radix: radix) != nil })
            else { return nil }
            return digits.reduce(0.0) { $0 * Double(radix) + Double(Int(String($1), radix: radix)!) }
        }
        guard isDecimalLiteral(trimmed) else { return nil }
        return Double(trimmed)
    }

    /// `String(value)`: numbers as JavaScript prints them, arrays joined with commas, objects as
    /// `[object Object]`.
    static func string(from value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let integer): return String(integer)
        case .number(let number): return string(from: number)
        case .string(let text): return text
        case .array(let elements):
            return elements.map { $0.isNull ? "" : string(from: $0) }.joined(separator: ",")
        case .object: return "[object Object]"
        }
    }

    static func string(from number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return JSONWriter.formatNumber(number)
    }

    /// A number as the JSON value Backflow keeps: whole numbers that fit exactly stay integers.
    static func value(of number: Double) -> JSONValue {
        if number.rounded() == number, abs(number) <= 9_007_199_254_740_992, let whole = Int64(exactly: number) {
            return .integer(whole)
        }
        return .number(number)
    }

    /// The key order JavaScript gives an object built by spreading another: keys that are array
    /// indices first, ascending, then the others in insertion order.
    static func objectKeyOrder(_ object: JSONObject) -> JSONObject {
        // An array index starts with a digit; most objects have no such key and keep their order as is.
        guard object.containsKey(where: { $0.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }) else {
            return object
        }
        let indexKeys = object.keys.compactMap { key -> (UInt32, String)? in
            guard let index = UInt32(key), index != UInt32.max, String(index) == key else { return nil }
            return (index, key)
        }
        guard !indexKeys.isEmpty else { return object }
        var ordered = JSONObject()
        for (_, key) in indexKeys.sorted(by: { $0.0 < $1.0 }) { ordered[key] = object[key] }
        for (key, value) in object.entries where ordered[key] == nil { ordered[key] = value }
        return ordered
    }

    /// `[+-]` then digits with an optional fraction (or a fraction alone), then an optional exponent.
    private static func isDecimalLiteral(_ text: String) -> Bool {
        var characters = Substring(text)
        if characters.first == "+" || characters.first == "-" { characters = characters.dropFirst() }
        let integerDigits = characters.prefix { $0.isASCII && $0.isNumber }
        characters = characters.dropFirst(integerDigits.count)
        var fractionDigits = Substring()
        if characters.first == "." {
            characters = characters.dropFirst()
            fractionDigits = characters.prefix { $0.isASCII && $0.isNumber }
            characters = characters.dropFirst(fractionDigits.count)
        }
        guard !integerDigits.isEmpty || !fractionDigits.isEmpty else { return false }
        if characters.first == "e" || characters.first == "E" {
            characters = characters.dropFirst()
            if characters.first == "+" || characters.first == "-" { characters = characters.dropFirst() }
            let exponentDigits = characters.prefix { $0.isASCII && $0.isNumber }
            guard !exponentDigits.isEmpty else { return false }
            characters = characters.dropFirst(exponentDigits.count)
        }
        return characters.isEmpty
    }
}

extension String {
    /// `String.prototype.trim`: strips white space and line terminators from both ends.
    func trimmingJavaScriptWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{FEFF}" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
