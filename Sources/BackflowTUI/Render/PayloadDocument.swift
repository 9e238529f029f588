import BackflowCore

/// A payload as a viewer pane shows it: a few lines of prose above (a failure's reason), the JSON
/// pretty-printed with its lines about a failing field marked (or a model row's columns), and the
/// text that `y` copies and `v` hands to the pager.
public struct PayloadDocument: Sendable, Hashable {
    /// Prose shown above the JSON, one role a line, always wrapped to the pane at spaces.
    public var header: [StyledLine]
    /// The JSON, one line per pretty-printed line, in syntax colours; or a row's `column: value` lines.
    public var body: [StyledLine]
    /// Indexes into `body` of the lines about a field a problem names, drawn in the error role.
    public var highlighted: Set<Int>
    /// The JSON as `JSON.stringify(value, null, 2)` writes it: what is copied and paged.
    public var text: String

    /// `value` pretty-printed, with the members whose key is in `failingKeys` (at any depth, with
    /// everything inside them) marked.
    public init(header: [StyledLine] = [], json value: JSONValue, failingKeys: Set<String> = []) {
        self.header = header
        body = JSONLines.lines(value)
        highlighted = failingKeys.isEmpty ? [] : Self.lines(of: failingKeys, in: body)
        text = JSONWriter.pretty(value)
    }

    /// A document of prose alone (no payload to show).
    public init(header: [StyledLine]) {
        self.init(header: header, body: [], text: "")
    }

    /// A document of lines made elsewhere (a model row's columns), copied and paged as `text`.
    public init(header: [StyledLine] = [], body: [StyledLine], text: String) {
        self.header = header
        self.body = body
        highlighted = []
        self.text = text
    }

    /// The lines to draw in a pane `width` columns wide: the header wrapped, then the JSON either
    /// wrapped (continuations indented under their line) or whole, for sideways scrolling.
    public func displayLines(width: Int, wraps: Bool) -> [StyledLine] {
        let prose = header.flatMap { line in
            TextWrap.lines(line.plainText, width: width).map { StyledLine($0, role: line.spans.first?.role ?? .text) }
        }
        let lines = body.enumerated().flatMap { index, line in
            let shown = highlighted.contains(index) ? line.recoloured(.error) : line
            return wraps ? shown.wrapped(width: width, indent: shown.leadingSpaces + 2) : [shown]
        }
        return prose.isEmpty || lines.isEmpty ? prose + lines : prose + [StyledLine()] + lines
    }

    /// The members named by `keys`: the line of the key, and for an object or array every line up
    /// to its closing bracket. Reads the layout `JSONLines` writes: a member's line is its indent,
    /// then its key span.
    private static func lines(of keys: Set<String>, in lines: [StyledLine]) -> Set<Int> {
        var marked: Set<Int> = []
        var openIndent: Int?
        for (index, line) in lines.enumerated() {
            if let indent = openIndent {
                marked.insert(index)
                let closing = line.plainText.drop(while: { $0 == " " }).first.map { "}]".contains($0) } ?? false
                if line.leadingSpaces == indent, closing {
                    openIndent = nil
                }
                continue
            }
            guard let key = line.spans.first(where: { $0.role == .jsonKey })?.text,
                keys.contains(String(key.dropFirst().dropLast()))
            else { continue }
            marked.insert(index)
            if let last = line.plainText.last, "{[".contains(last) { openIndent = line.leadingSpaces }
        }
        return marked
    }
}

extension StyledLine {
    /// The line's text without roles.
    public var plainText: String { spans.map(\.text).joined() }

    /// How many spaces the line starts with.
    var leadingSpaces: Int { plainText.prefix { $0 == " " }.count }

    /// The same text, every span in `role`.
    func recoloured(_ role: UIRole) -> StyledLine { StyledLine(spans.map { ($0.text, role) }) }

    /// The line cut into pieces at most `width` columns wide, each piece after the first starting
    /// with `indent` spaces (less when the pane is too narrow for it), so nothing is lost at the edge.
    func wrapped(width: Int, indent: Int) -> [StyledLine] {
        guard width > 0 else { return [] }
        guard DisplayWidth.of(plainText) > width else { return [self] }
        let continuation = indent < width / 2 ? indent : 0
        var pieces: [StyledLine] = []
        var current = StyledLine()
        var used = 0
        for span in spans {
            var run = ""
            for character in span.text {
                let columns = DisplayWidth.of(character)
                if used + columns > width {
                    if !run.isEmpty { current.append(run, span.role) }
                    pieces.append(current)
                    current = StyledLine(String(repeating: " ", count: continuation))
                    used = continuation
                    run = ""
                }
                run.append(character)
                used += columns
            }
            if !run.isEmpty { current.append(run, span.role) }
        }
        pieces.append(current)
        return pieces
    }

    /// The line without its first `columns` display columns (sideways scrolling).
    func dropping(columns: Int) -> StyledLine {
        guard columns > 0 else { return self }
        var skipped = 0
        var kept: [(text: String, role: UIRole)] = []
        for span in spans {
            var text = ""
            for character in span.text {
                if skipped < columns {
                    skipped += DisplayWidth.of(character)
                } else {
                    text.append(character)
                }
            }
            if !text.isEmpty { kept.append((text, span.role)) }
        }
        return StyledLine(kept)
    }
}
