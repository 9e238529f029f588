import Yams

/// The comments of a workspace file, attached to what they annotate so a rewrite can put them back.
///
/// Entries are identified by path: key names, mapping entries by their `name`
/// (`["mappings", "Identify users", "records"]`), other list items by `#index`. A comment block directly
/// above a key or list item belongs to it; a comment at the end of a key's line belongs to that key.
/// Blank lines travel with the comments above an entry, runs of them collapsed to one.
struct WorkspaceComments {
    typealias Path = [String]

    struct EndOfLine: Equatable {
        /// From `#` to the end of the line.
        var text: String
        /// The 0-based column the `#` was at, to keep aligned comments aligned.
        var column: Int
    }

    /// The lines before the first line of content.
    var leading: [String] = []
    /// The lines after the last line of content.
    var trailing: [String] = []
    var above: [Path: [String]] = [:]
    var endOfLine: [Path: EndOfLine] = [:]
    /// Every path the original document had, so an emptied section keeps its place and its comments.
    var knownPaths: Set<Path> = []

    init() {}

    init(text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        guard YAMLShapeGuard.problem(in: text, file: "") == nil,
            let root = try? Yams.compose(yaml: text, .basic, .default, .utf8), let rootLine = root.mark?.line
        else {
            leading = Self.leadingLines(lines)
            return
        }
        var walker = AnchorWalker(lines: lines)
        walker.walk(root, path: [])
        let firstContent = min(rootLine, walker.anchors.map(\.line).min() ?? rootLine)
        let lastContent = max(walker.contentLines.max() ?? firstContent, firstContent)
        leading = lines[0..<(firstContent - 1)].filter(Self.isCommentOrBlank)
        let afterContent = lines[min(lastContent, lines.count)...]
        trailing = Self.collapsed(Array(afterContent.reversed().prefix(while: Self.isCommentOrBlank).reversed()))
        while trailing.last?.isEmpty == true { trailing.removeLast() }
        knownPaths = Set(walker.anchors.map(\.path))
        attach(walker.anchors, lines: lines, contentLines: walker.contentLines, firstContent: firstContent)
    }

    private mutating func attach(_ anchors: [AnchorWalker.Anchor], lines: [String], contentLines: Set<Int>, firstContent: Int) {
        var claimedAbove = Set<Int>()
        for anchor in anchors where !claimedAbove.contains(anchor.line) {
            claimedAbove.insert(anchor.line)
            var block: [String] = []
            var line = anchor.line - 1
            while line >= firstContent, line <= lines.count, !contentLines.contains(line) {
                let text = lines[line - 1]
                guard Self.isCommentOrBlank(text) else { break }
                block.insert(text, at: 0)
                line -= 1
            }
            let collapsed = Self.collapsed(block)
            if !collapsed.isEmpty { above[anchor.path] = collapsed }
        }
        // A comment at the end of `message_id: {"@path": "$.messageId"}  # …` is the outer key's: the
        // first key of its line, not one of the inline mapping's.
        var firstKeyOnLine: [Int: AnchorWalker.Anchor] = [:]
        for anchor in anchors where anchor.isKey && firstKeyOnLine[anchor.line] == nil {
            firstKeyOnLine[anchor.line] = anchor
        }
        for (line, anchor) in firstKeyOnLine where line - 1 < lines.count {
            if let comment = Self.endOfLineComment(in: lines[line - 1], from: anchor.column - 1) {
                endOfLine[anchor.path] = comment
            }
        }
    }

    /// Comment and blank lines before the first content line, for text that does not parse.
    private static func leadingLines(_ lines: [String]) -> [String] {
        Array(lines.prefix(while: isCommentOrBlank))
    }

    private static func isCommentOrBlank(_ line: String) -> Bool {
        let trimmed = line.trimmingWhitespace()
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    /// Runs of blank lines become one blank line.
    static func collapsed(_ lines: [String]) -> [String] {
        var result: [String] = []
        for line in lines {
            let isBlank = line.trimmingWhitespace().isEmpty
            if isBlank, result.last?.isEmpty == true { continue }
            result.append(isBlank ? "" : line)
        }
        return result
    }

    /// The comment at the end of a line, found by scanning past quoted text from `start`.
    static func endOfLineComment(in line: String, from start: Int) -> EndOfLine? {
        let scalars = Array(line.unicodeScalars)
        var quote: Unicode.Scalar?
        var index = max(0, start)
        while index < scalars.count {
            let scalar = scalars[index]
            let previous: Unicode.Scalar = index > 0 ? scalars[index - 1] : " "
            if let open = quote {
                if open == "\"" && scalar == "\\" {
                    index += 1
                } else if scalar == open {
                    if open == "'", index + 1 < scalars.count, scalars[index + 1] == "'" { index += 1 } else { quote = nil }
                }
            } else if scalar == "#", previous == " " || previous == "\t" {
                return EndOfLine(text: String(String.UnicodeScalarView(scalars[index...])), column: index)
            } else if scalar == "\"" || scalar == "'", " \t[{,:".unicodeScalars.contains(previous) || index == start {
                quote = scalar
            }
            index += 1
        }
        return nil
    }
}

/// Walks a composed document, recording the line of every key and list item by path, and which
/// lines hold content (so a `#` inside a block scalar is not taken for a comment).
private struct AnchorWalker {
    struct Anchor {
        let path: WorkspaceComments.Path
        let line: Int
        let column: Int
        let isKey: Bool
    }

    let lines: [String]
    var anchors: [Anchor] = []
    var contentLines: Set<Int> = []

    init(lines: [String]) { self.lines = lines }

    mutating func walk(_ node: Node, path: WorkspaceComments.Path) {
        if let line = node.mark?.line { contentLines.insert(line) }
        switch node {
        case .mapping(let mapping) where mapping.style != .flow:
            for (key, value) in mapping {
                guard let name = key.scalar?.string, let mark = key.mark else { continue }
                anchors.append(Anchor(path: path + [name], line: mark.line, column: mark.column, isKey: true))
                contentLines.insert(mark.line)
                if let scalar = value.scalar, scalar.style == .literal || scalar.style == .folded, let line = value.mark?.line {
                    markBlockScalar(from: line, parentColumn: mark.column)
                }
                walk(value, path: path + [name])
            }
        case .sequence(let sequence) where sequence.style != .flow:
            for (index, item) in sequence.enumerated() {
                let itemPath = path + [Self.itemName(item, index: index, in: path)]
                if let mark = item.mark {
                    anchors.append(Anchor(path: itemPath, line: mark.line, column: mark.column, isKey: false))
                }
                walk(item, path: itemPath)
            }
        default:
            break
        }
    }

    /// Mapping entries are known by their name, so comments follow an entry wherever it moves.
    private static func itemName(_ item: Node, index: Int, in path: WorkspaceComments.Path) -> String {
        if path == ["mappings"], let name = item.mapping?["name"]?.scalar?.string { return name }
        return "#\(index)"
    }

    /// A block scalar's content runs from the line after its indicator while lines are blank or
    /// indented past the key that owns it; blank lines after its last line are not its own, but the
    /// space above what follows, and are kept there.
    private mutating func markBlockScalar(from indicatorLine: Int, parentColumn: Int) {
        var line = indicatorLine + 1
        var lastWritten = indicatorLine
        while line - 1 < lines.count {
            let text = lines[line - 1]
            let indent = text.prefix { $0 == " " }.count
            let isBlank = text.trimmingWhitespace().isEmpty
            guard isBlank || indent >= parentColumn else { break }
            if !isBlank { lastWritten = line }
            line += 1
        }
        if lastWritten > indicatorLine { contentLines.formUnion((indicatorLine + 1)...lastWritten) }
    }
}

extension String {
    func trimmingWhitespace() -> Substring {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" }.map(index(after:)) ?? start
        return self[start..<max(start, end)]
    }
}
