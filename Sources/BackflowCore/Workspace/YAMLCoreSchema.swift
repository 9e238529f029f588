import Yams

/// Reads YAML scalars by the YAML 1.2 core schema, so `on`, `yes` and `09:00` stay strings and only
/// `true`/`false` are booleans, and a quoted `"123"` stays a string.
///
/// The document is composed with Yams' rule-less resolver; a scalar's own tag then tells whether
/// it was written plainly (empty tag), quoted or as a block (`!!str`), or with an explicit tag.
enum YAMLCoreSchema {
    enum Scalar: Equatable {
        case null
        case bool(Bool)
        case integer(Int64)
        case number(Double)
        case string(String)
    }

    /// The scalar's value, or a message when an explicit tag does not fit its text.
    static func interpret(_ scalar: Node.Scalar) -> Result<Scalar, ScalarProblem> {
        let text = scalar.string
        switch scalar.tag.rawValue {
        case Tag.Name.implicit.rawValue:
            return .success(resolvePlain(text))
        case Tag.Name.nonSpecific.rawValue, Tag.Name.str.rawValue:
            return .success(.string(text))
        case Tag.Name.null.rawValue:
            return isNull(text) ? .success(.null) : .failure(ScalarProblem(tag: "!!null", text: text))
        case Tag.Name.bool.rawValue:
            if let flag = bool(text) { return .success(.bool(flag)) }
            return .failure(ScalarProblem(tag: "!!bool", text: text))
        case Tag.Name.int.rawValue:
            if let number = integer(text) { return .success(number) }
            return .failure(ScalarProblem(tag: "!!int", text: text))
        case Tag.Name.float.rawValue:
            if let number = float(text) ?? integer(text).map(asNumber) { return .success(number) }
            return .failure(ScalarProblem(tag: "!!float", text: text))
        default:
            return .failure(ScalarProblem(tag: scalar.tag.rawValue, text: text, isUnsupported: true))
        }
    }

    /// A plain scalar's value under the core schema.
    static func resolvePlain(_ text: String) -> Scalar {
        if isNull(text) { return .null }
        if let flag = bool(text) { return .bool(flag) }
        if let number = integer(text) { return number }
        if let number = float(text) { return number }
        return .string(text)
    }

    static func isNull(_ text: String) -> Bool {
        ["", "~", "null", "Null", "NULL"].contains(text)
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`; decimals too large for 64 bits become numbers.
    static func integer(_ text: String) -> Scalar? {
        if text.hasPrefix("0o") || text.hasPrefix("0x") {
            let digits = text.dropFirst(2)
            guard !digits.isEmpty, let value = Int64(digits, radix: text.hasPrefix("0o") ? 8 : 16) else { return nil }
            return .integer(value)
        }
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        if let value = Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text) { return .integer(value) }
        return Double(text).map(Scalar.number)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf`, `.nan` in their three spellings.
    static func float(_ text: String) -> Scalar? {
        var body = Substring(text)
        var sign = 1.0
        if body.first == "-" || body.first == "+" {
            sign = body.first == "-" ? -1 : 1
            body = body.dropFirst()
        }
        if [".inf", ".Inf", ".INF"].contains(body) { return .number(sign * .infinity) }
        if [".nan", ".NaN", ".NAN"].contains(text) { return .number(.nan) }
        var mantissa = body
        var exponent: Substring = ""
        if let marker = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = body[..<marker]
            exponent = body[body.index(after: marker)...]
            if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
            guard !exponent.isEmpty, exponent.allSatisfy(\.isASCIIDigit) else { return nil }
        }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : nil
        guard whole.allSatisfy(\.isASCIIDigit), fraction?.allSatisfy(\.isASCIIDigit) ?? true else { return nil }
        if whole.isEmpty && (fraction ?? "").isEmpty { return nil }
        return Double(text).map(Scalar.number)
    }

    private static func asNumber(_ scalar: Scalar) -> Scalar {
        if case .integer(let value) = scalar { return .number(Double(value)) }
        return scalar
    }
}

/// An explicitly tagged scalar whose text the tag cannot read, or a tag Backflow does not support.
struct ScalarProblem: Error, Equatable {
    var tag: String
    var text: String
    var isUnsupported = false

    var message: String {
        isUnsupported
            ? "the YAML tag \(tag) is not supported here"
            : "\(YAMLQuoting.quoted(text)) is not a valid \(tag) value"
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
