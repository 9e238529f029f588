/// Every directive name Segment's mapping language knows.
///
/// `@liquid` renders a LiquidJS template with the tags, filters and limits Segment's runtime allows
/// (see ``LiquidDirective``).
public enum MappingDirective: String, CaseIterable, Sendable {
    case path = "@path"
    case template = "@template"
    case literal = "@literal"
    case `if` = "@if"
    case `case` = "@case"
    case replace = "@replace"
    case arrayPath = "@arrayPath"
    case json = "@json"
    case flatten = "@flatten"
    case merge = "@merge"
    case transform = "@transform"
    case excludeWhenNull = "@excludeWhenNull"
    case liquid = "@liquid"
}

extension JSONObject {
    /// Segment's `isDirective`: at least one `@` key, and no keys other than `@` keys and `_metadata`.
    var isDirective: Bool {
        // Checked for every object of a mapping on every record: walk the entries, don't copy the keys.
        var sawDirective = false
        for (key, _) in self {
            if key.utf8.first == UInt8(ascii: "@") {
                sawDirective = true
            } else if key != "_metadata" {
                return false
            }
        }
        return sawDirective
    }

    /// The first `@`-prefixed key, the one a directive object runs.
    var directiveKey: String? {
        for (key, _) in self where key.utf8.first == UInt8(ascii: "@") { return key }
        return nil
    }
}
