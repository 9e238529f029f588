/// The `?` help: every binding of the keymap, generated from it.
enum HelpView {
    static func draw(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        grid.box(rect, title: "Keys", focused: true)
        let lines = state.helpLines.map { line in
            StyledLine(line, role: line.hasPrefix(" ") || line.isEmpty ? .text : .title)
        }
        grid.lines(lines, in: rect.inner, first: min(state.helpOffset, max(0, lines.count - 1)))
    }
}
