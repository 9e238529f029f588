import BackflowCore

/// Pretty-printed JSON, two spaces an indent as `JSON.stringify(value, null, 2)` prints it, as
/// lines whose keys, strings and literals carry their own roles.
public enum JSONLines {
    public static func lines(_ value: JSONValue) -> [StyledLine] {
        var lines: [StyledLine] = []
        var current = StyledLine()
        append(value, indent: 0, into: &lines, current: &current)
        lines.append(current)
        return lines
    }

    private static func append(_ value: JSONValue, indent: Int, into lines: inout [StyledLine], current: inout StyledLine) {
        let pad = String(repeating: "  ", count: indent + 1)
        switch value {
        case .object(let object) where !object.isEmpty:
            current.append("{", .text)
            let count = object.count
            for (index, (key, member)) in object.enumerated() {
                lines.append(current)
                current = StyledLine([(pad, .text), (JSONWriter.compact(.string(key)), .jsonKey), (": ", .text)])
                append(member, indent: indent + 1, into: &lines, current: &current)
                if index < count - 1 { current.append(",", .text) }
            }
            lines.append(current)
            current = StyledLine(String(repeating: "  ", count: indent) + "}")
        case .array(let items) where !items.isEmpty:
            current.append("[", .text)
            for (index, item) in items.enumerated() {
                lines.append(current)
                current = StyledLine(pad)
                append(item, indent: indent + 1, into: &lines, current: &current)
                if index < items.count - 1 { current.append(",", .text) }
            }
            lines.append(current)
            current = StyledLine(String(repeating: "  ", count: indent) + "]")
        case .string:
            current.append(JSONWriter.compact(value), .jsonString)
        default:
            current.append(JSONWriter.compact(value), .jsonLiteral)
        }
    }
}
