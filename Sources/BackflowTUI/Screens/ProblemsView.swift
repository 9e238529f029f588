import BackflowCore

/// The problems pane: each problem of the workspace with its place (file:line:column), its key and
/// the loader's or the catalog check's message, wrapped; what the next save would leave out is marked.
enum ProblemsView {
    static func draw(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let rows = state.problemRows
        grid.fill(rect, role: .text)
        grid.box(rect, title: "Problems (\(rows.count))", focused: true)
        let inner = rect.inner.inset(left: 1)
        guard !rows.isEmpty else {
            grid.put("No problems: the workspace loads as it is.", x: inner.x, y: inner.y, role: .success, clip: inner)
            return
        }
        let headerLines = TextWrap.lines(header(state), width: inner.width)
        grid.lines(headerLines.map { StyledLine($0, role: .muted) }, in: inner)
        let (lines, list, first) = layout(state, in: rect)
        grid.lines(lines.map(\.line), in: list, first: first)
    }

    private static func header(_ state: AppState) -> String {
        state.hasUnsavedChanges
            ? "Lines are those of the file as w would write it. Enter goes to the problem."
            : "Enter goes to the mapping or destination a problem is in; fix it there, then w."
    }

    /// Each problem's lines (with the index of its problem), where they are drawn in the pane drawn
    /// in `rect`, and the first shown: scrolled so the selected problem is whole in sight when it fits.
    static func layout(_ state: AppState, in rect: Rect) -> (lines: [(line: StyledLine, row: Int)], list: Rect, first: Int) {
        let inner = rect.inner.inset(left: 1)
        let top = TextWrap.lines(header(state), width: inner.width).count + 1
        let list = Rect(x: inner.x, y: inner.y + top, width: inner.width - 1, height: inner.height - top)
        var lines: [(line: StyledLine, row: Int)] = []
        for (index, row) in state.problemRows.enumerated() {
            lines += problemLines(row, selected: index == state.problemsPane.selected, width: list.width)
                .map { ($0, index) }
        }
        let selectedLine = lines.firstIndex { $0.row == state.problemsPane.selected } ?? 0
        let lastLine = lines.lastIndex { $0.row == state.problemsPane.selected } ?? selectedLine
        let first = scrollOffset(
            selected: lastLine, current: scrollOffset(selected: selectedLine, current: 0, visible: list.height),
            visible: list.height)
        return (lines, list, min(first, selectedLine))
    }

    /// `› backflow.yml:40:7  mappings[2].fields` then the message, wrapped and indented, and
    /// whether saving leaves it out.
    private static func problemLines(_ row: ProblemRow, selected: Bool, width: Int) -> [StyledLine] {
        let diagnostic = row.problem.diagnostic
        let head = StyledLine([
            (selected ? "› " : "  ", selected ? .selection : .text),
            ("\(diagnostic.location)", selected ? .selection : .key),
            ("  " + (diagnostic.keyPath.isEmpty ? "(the file)" : diagnostic.keyPath), .title),
        ])
        var lines = [head] + TextWrap.lines(diagnostic.message, width: max(10, width - 4)).map {
            StyledLine("    " + $0, role: .error)
        }
        if row.isLeftOutBySaving {
            lines.append(StyledLine("    ⚠ the editor cannot hold this: saving leaves it out of the file", role: .warning))
        }
        return lines
    }

    static let keys = "j/k move  Enter go to it  w save  Esc close"
}
