/// What a cell is for on screen. Views name roles; themes decide what a role looks like, so
/// switching themes never changes what a view draws (and never changes a golden screen).
public enum UIRole: String, Sendable, CaseIterable, Hashable {
    case text
    case title
    case border
    case selection
    case muted
    case error
    case warning
    case success
    case key
    case jsonKey = "json-key"
    case jsonString = "json-string"
    case jsonLiteral = "json-literal"
    /// A SQL NULL in the model preview, drawn unlike any text (the string "null" included).
    case nullValue = "null"
    case statusBar = "status-bar"
}
