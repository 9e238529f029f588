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
        JavaScriptNumberText.string(number)
    }

    /// A number as the JSON value Backflow keeps: whole numbers that fit exactly stay integers.
    static func value(of number: Double) -> JSONValue {
        if number.rounded() == number, abs(number) <= 9_007_199_254_740_992, let whole = Int64(exactly: number) {
            return .integer(whole)
        }
        return .number(number)
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

extension Unicode.Scalar {
    /// ECMAScript's WhiteSpace and LineTerminator: Unicode's White_Space without U+0085 (NEL), plus
    /// the byte-order mark. `trim()` and `Number(text)` strip exactly these.
    var isJavaScriptWhitespace: Bool {
        (properties.isWhitespace && self != "\u{85}") || self == "\u{FEFF}"
    }
}

extension String {
    /// `String.prototype.trim`: strips white space and line terminators from both ends.
    func trimmingJavaScriptWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isJavaScriptWhitespace }),
            let last = scalars.lastIndex(where: { !$0.isJavaScriptWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// `String.prototype.toLowerCase`: Unicode's full lowercase mappings, with the one context-sensitive
    /// rule JavaScript applies: a capital sigma that ends a word (Final_Sigma) becomes `ς`, not `σ`.
    func javaScriptLowercased() -> String {
        let scalars = Array(unicodeScalars)
        var lowered = String.UnicodeScalarView()
        for index in scalars.indices {
            if scalars[index] == "\u{3A3}", Self.isFinalSigma(at: index, in: scalars) {
                lowered.append("\u{3C2}")
            } else {
                lowered.append(contentsOf: scalars[index].properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(lowered)
    }

    /// Unicode's Final_Sigma condition: a cased letter before (case-ignorable characters between) and
    /// none after.
    private static func isFinalSigma(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        let before = scalars[..<index].reversed().first { !$0.properties.isCaseIgnorable }
        let after = scalars[(index + 1)...].first { !$0.properties.isCaseIgnorable }
        return before?.properties.isCased == true && after?.properties.isCased != true
    }
}
