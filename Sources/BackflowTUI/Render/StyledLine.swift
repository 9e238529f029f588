import BackflowCore

/// A line of text made of runs in different roles (coloured JSON, a label and its value).
public struct StyledLine: Sendable, Hashable {
    public var spans: [(text: String, role: UIRole)]

    public init(_ spans: [(text: String, role: UIRole)] = []) {
        self.spans = spans
    }

    public init(_ text: String, role: UIRole = .text) {
        spans = [(text, role)]
    }

    mutating func append(_ text: String, _ role: UIRole) { spans.append((text, role)) }

    public static func == (lhs: StyledLine, rhs: StyledLine) -> Bool {
        lhs.spans.map(\.text) == rhs.spans.map(\.text) && lhs.spans.map(\.role) == rhs.spans.map(\.role)
    }

    public func hash(into hasher: inout Hasher) {
        for span in spans {
            hasher.combine(span.text)
            hasher.combine(span.role)
        }
    }
}

extension CellGrid {
    /// Lines from `first` that fit in `rect`, each clipped to it.
    public mutating func lines(_ lines: [StyledLine], in rect: Rect, first: Int = 0) {
        for (offset, line) in lines.dropFirst(first).prefix(rect.height).enumerated() {
            var x = rect.x
            for span in line.spans { x = put(span.text, x: x, y: rect.y + offset, role: span.role, clip: rect) }
        }
    }
}

extension StyledLine {
    /// The line laid out as words are, each span a word: whole on the line while it fits, at the
    /// start of the next line (indented, its leading spaces dropped) when it does not. Only a span
    /// wider than a whole line is cut, into pieces of one line each.
    func flowed(width: Int, indent: Int = 2) -> [StyledLine] {
        guard width > indent else { return [self] }
        var lines = [StyledLine()]
        var used = 0
        for span in spans {
            var text = span.text
            if used > 0, used + DisplayWidth.of(text) > width {
                lines.append(StyledLine(String(repeating: " ", count: indent), role: .text))
                used = indent
                text = String(text.drop { $0 == " " })
            }
            let pieces = DisplayWidth.of(text) > width - used ? TextWrap.lines(text, width: width - indent) : [text]
            for (index, piece) in pieces.enumerated() {
                if index > 0 {
                    lines.append(StyledLine(String(repeating: " ", count: indent), role: .text))
                    used = indent
                }
                lines[lines.count - 1].append(piece, span.role)
                used += DisplayWidth.of(piece)
            }
        }
        return lines
    }
}
