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
        let shown = filter == nil ? Array(rows.indices) : state.visiblePopupRows().filter { rows.indices.contains($0) }
        let list = filter == nil ? rect : Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - 1)
        if let filter {
            let count = " (\(shown.count) of \(rows.count))"
            let line = "/" + PromptLine.visible(filter.line, width: rect.width - 1 - count.count) + count
            grid.put(line, x: rect.x, y: rect.maxY - 1, role: .title, clip: rect)
            if shown.isEmpty { grid.put("nothing matches: Backspace or Esc", x: list.x, y: list.y, role: .muted, clip: list) }
        }
        let position = shown.firstIndex(of: selected) ?? 0
        let first = scrollOffset(selected: position, current: 0, visible: list.height)
        for (offset, index) in shown.dropFirst(first).prefix(list.height).enumerated() {
            let isSelected = index == selected
            let text = marked ? (isSelected ? "› " : "  ") + rows[index] : rows[index]
            grid.put(text, x: list.x, y: list.y + offset, role: isSelected ? .selection : .text, clip: list)
        }
    }

    /// The status line's keys while a pop-up list is open.
    static func keys(_ state: AppState, close: String) -> String {
        state.activePopupFilter == nil
            ? "type or / filter  j/k move  Enter choose  Esc \(close)"
            : "type to filter  ↑/↓ move  Enter choose  Esc clear the filter"
    }
}
