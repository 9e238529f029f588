import BackflowCore

/// A pop-up list's rows as its filter leaves them: the rows shown, the cursor's row highlighted and
/// kept in sight, and, while a filter is typed, its line at the bottom with how many rows match.
enum PopupListView {
    /// The lines a pop-up needs for `rowCount` rows: one more for the filter's line while one is typed.
    static func height(_ state: AppState, rowCount: Int) -> Int {
        let shown = state.activePopupFilter == nil ? rowCount : state.visiblePopupRows().count
        return max(1, shown) + (state.activePopupFilter == nil ? 0 : 1)
    }

    /// Draws `rows` (the whole list) in `rect`, `selected` being an index into them; `marked` puts
    /// `›` before the cursor's row as the step lists do.
    static func draw(
        _ state: AppState, rows: [String], selected: Int, marked: Bool = false, in rect: Rect, into grid: inout CellGrid
    ) {
        let filter = state.activePopupFilter
        let (shown, list, first) = layout(state, rowCount: rows.count, selected: selected, in: rect)
        if let filter {
            let count = " (\(shown.count) of \(rows.count))"
            let line = "/" + PromptLine.visible(filter.line, width: rect.width - 1 - count.count) + count
            grid.put(line, x: rect.x, y: rect.maxY - 1, role: .title, clip: rect)
            if shown.isEmpty { grid.put("nothing matches: Backspace or Esc", x: list.x, y: list.y, role: .muted, clip: list) }
        }
        for (offset, index) in shown.dropFirst(first).prefix(list.height).enumerated() {
            let isSelected = index == selected
            let text = marked ? (isSelected ? "› " : "  ") + rows[index] : rows[index]
            grid.put(text, x: list.x, y: list.y + offset, role: isSelected ? .selection : .text, clip: list)
        }
    }

    /// The rows shown (indexes into the whole list), where they are drawn in `rect` (above the
    /// filter's line, while one is typed) and the first shown, scrolled to keep `selected` in sight.
    private static func layout(_ state: AppState, rowCount: Int, selected: Int, in rect: Rect)
        -> (shown: [Int], list: Rect, first: Int)
    {
        let filtering = state.activePopupFilter != nil
        let shown = filtering ? state.visiblePopupRows().filter { $0 < rowCount } : Array(0..<rowCount)
        let list = filtering ? Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - 1) : rect
        let position = shown.firstIndex(of: selected) ?? 0
        return (shown, list, scrollOffset(selected: position, current: 0, visible: list.height))
    }

    /// The row (an index into the whole list) drawn at screen row `y` of a list drawn in `rect`.
    static func row(atY y: Int, _ state: AppState, rowCount: Int, selected: Int, in rect: Rect) -> Int? {
        let (shown, list, first) = layout(state, rowCount: rowCount, selected: selected, in: rect)
        guard y >= list.y, y < list.maxY else { return nil }
        return shown[safe: first + y - list.y]
    }

    /// The status line's keys while a pop-up list is open.
    static func keys(_ state: AppState, close: String) -> String {
        state.activePopupFilter == nil
            ? "type or / filter  j/k move  Enter choose  Esc \(close)"
            : "type to filter  ↑/↓ move  Enter choose  Esc clear the filter"
    }
}
