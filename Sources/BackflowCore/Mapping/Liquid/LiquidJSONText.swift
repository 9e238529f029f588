/// `JSON.stringify(value, null, space)` for the `json` filter and its aliases: nothing for undefined,
/// `{}` for `nil`, `empty` and `blank` (LiquidJS's literal objects have no keys), and `space` as
/// JavaScript takes it (a number of spaces up to 10, or up to 10 units of a string).
enum LiquidJSONText {
    static func text(of value: LiquidValue, space: LiquidValue) -> String? {
        let indent = indentation(space)
        switch value {
        case .undefined: return nil
        case .nilLiteral, .emptyLiteral, .blankLiteral: return "{}"
        case .json(let json):
            guard !indent.isEmpty else { return JSONWriter.compact(json) }
            var output = ""
            write(json, indent: indent, depth: 0, into: &output)
            return output
        }
    }

    private static func indentation(_ space: LiquidValue) -> String {
        switch space.plain {
        case .integer?, .number?:
            let count = min(10, max(0, space.javaScriptNumber.rounded(.towardZero)))
            return String(repeating: " ", count: count.isNaN ? 0 : Int(count))
        case .string(let text)?:
            return LiquidStringOperations.string(LiquidStringOperations.units(text).prefix(10))
        default:
            return ""
        }
    }

    private static func write(_ value: JSONValue, indent: String, depth: Int, into output: inout String) {
        let inner = String(repeating: indent, count: depth + 1)
        let closing = String(repeating: indent, count: depth)
        switch value {
        case .array(let items) where !items.isEmpty:
            output += "["
            for (index, item) in items.enumerated() {
                output += (index == 0 ? "\n" : ",\n") + inner
                write(item, indent: indent, depth: depth + 1, into: &output)
            }
            output += "\n" + closing + "]"
        case .object(let object) where !object.isEmpty:
            output += "{"
            for (index, entry) in object.entries.enumerated() {
                output += (index == 0 ? "\n" : ",\n") + inner + JSONWriter.compact(.string(entry.key)) + ": "
                write(entry.value, indent: indent, depth: depth + 1, into: &output)
            }
            output += "\n" + closing + "}"
        default:
            output += JSONWriter.compact(value)
        }
    }
}
