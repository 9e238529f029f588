import BackflowCore

/// Pretty JSON, laid out exactly as `JSONWriter.pretty`, with each token passed through a styler.
enum JSONHighlighter {
    static func highlight(_ value: JSONValue, style: (String, OutputRole) -> String) -> String {
        var output = ""
        write(value, depth: 0, into: &output, style: style)
        return output
    }

    private static func write(
        _ value: JSONValue, depth: Int, into output: inout String, style: (String, OutputRole) -> String
    ) {
        let indent = String(repeating: "  ", count: depth + 1)
        let closingIndent = String(repeating: "  ", count: depth)
        switch value {
        case .string:
            output += style(JSONWriter.compact(value), .jsonString)
        case .null, .bool, .integer, .number:
            output += style(JSONWriter.compact(value), .jsonLiteral)
        case .array(let items) where !items.isEmpty:
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += indent
                write(item, depth: depth + 1, into: &output, style: style)
                output += index < items.count - 1 ? ",\n" : "\n"
            }
            output += closingIndent + "]"
        case .object(let object) where !object.isEmpty:
            output += "{\n"
            for (index, entry) in object.entries.enumerated() {
                output += indent + style(JSONWriter.compact(.string(entry.key)), .jsonKey) + ": "
                write(entry.value, depth: depth + 1, into: &output, style: style)
                output += index < object.count - 1 ? ",\n" : "\n"
            }
            output += closingIndent + "}"
        case .array, .object:
            output += JSONWriter.compact(value)
        }
    }
}
