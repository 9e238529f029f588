/// How one value is written after `key:`: on the same line, or as a literal block below it.
enum YAMLValueText {
    case inline(String)
    case literalBlock(header: String, lines: [String])

    /// A string: a literal block for multi-line text that a block can carry exactly, else a scalar.
    static func string(_ text: String) -> YAMLValueText {
        guard text.contains("\n"), canBeLiteralBlock(text) else { return .inline(YAMLQuoting.scalar(text)) }
        var body = Substring(text)
        var trailingNewlines = 0
        while body.hasSuffix("\n") {
            body = body.dropLast()
            trailingNewlines += 1
        }
        let chomping = trailingNewlines == 0 ? "-" : trailingNewlines == 1 ? "" : "+"
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            + Array(repeating: "", count: max(0, trailingNewlines - 1))
        return .literalBlock(header: "|" + chomping, lines: lines)
    }

    /// A literal block keeps every character but cannot start with indentation (it would be read as
    /// the block's own), cannot hold lines of only spaces, and carries only printable characters.
    private static func canBeLiteralBlock(_ text: String) -> Bool {
        guard let first = text.first, first != " ", first != "\t", first != "\n" else { return false }
        guard text.unicodeScalars.allSatisfy({ $0 != "\r" && YAMLQuoting.isPrintable($0) }) else { return false }
        return text.split(separator: "\n").allSatisfy { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
    }

    /// A mapping-language value on one line, JSON-compatible: `{"@path": "$.properties.email"}`.
    static func flow(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .number(let number): return JSONWriter.formatNumber(number)
        case .string(let text): return YAMLQuoting.quoted(text)
        case .array(let items): return "[" + items.map(flow).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.entries.map { YAMLQuoting.quoted($0.key) + ": " + flow($0.value) }.joined(separator: ", ") + "}"
        }
    }
}
