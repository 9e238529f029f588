/// How a warehouse value reads in one table cell: text as is, on one line; `null` as a dim-able
/// `∅`; everything else as compact JSON.
public enum CellText {
    public static let null = "∅"

    public static func of(_ value: JSONValue) -> String {
        switch value {
        case .null: return null
        case .string(let text): return singleLine(text)
        default: return JSONWriter.compact(value)
        }
    }

    private static func singleLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: "⏎")
    }
}
