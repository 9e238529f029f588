import BackflowCore

/// Tables and scrolling lists: the two shapes every screen is made of.
extension CellGrid {
    /// A heading row, then the rows from `firstRow` that fit in `rect`; the row at `selected` gets
    /// the selection bar when `focused`. Columns are separated by two spaces; `firstColumn` scrolls
    /// the table sideways by whole columns.
    public mutating func table(
        _ columns: [TableColumn], rows: [TableRow], in rect: Rect, selected: Int? = nil, focused: Bool = true,
        firstRow: Int = 0, firstColumn: Int = 0
    ) {
        guard rect.height > 0 else { return }
        let shown = Array(columns.dropFirst(firstColumn))
        let heading = line(shown.map { ($0, $0.heading) })
        put(heading, x: rect.x, y: rect.y, role: .title, clip: rect)
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        for (offset, index) in (firstRow..<rows.count).prefix(body.height).enumerated() {
            let row = rows[index]
            let y = body.y + offset
            let isSelected = index == selected && focused
            if isSelected { fill(Rect(x: body.x, y: y, width: body.width, height: 1), role: .selection) }
            let values = Array(row.cells.dropFirst(firstColumn))
            let text = line(shown.enumerated().map { ($1, values[safe: $0] ?? "") })
            put(text, x: body.x, y: y, role: isSelected ? .selection : row.role, clip: body)
            if !isSelected, !row.cellRoles.isEmpty {
                paintCells(row, shown: shown, firstColumn: firstColumn, y: y, in: body)
            }
        }
    }

    /// Draws again, in their own role, the cells of `row` that have one.
    private mutating func paintCells(_ row: TableRow, shown: [TableColumn], firstColumn: Int, y: Int, in body: Rect) {
        var x = body.x
        for (offset, column) in shown.enumerated() {
            let index = firstColumn + offset
            if let role = row.cellRoles[index] {
                let cell = CellText.fit(row.cells[safe: index] ?? "", width: column.width)
                let start = column.alignRight ? x + column.width - DisplayWidth.of(cell) : x
                put(cell, x: start, y: y, role: role, clip: body)
            }
            x += column.width + 2
        }
    }

    /// Lines from `first` that fit in `rect`, with `selected` highlighted.
    public mutating func list(
        _ items: [String], in rect: Rect, selected: Int?, focused: Bool = true, first: Int = 0
    ) {
        for (offset, index) in (first..<items.count).prefix(rect.height).enumerated() {
            let y = rect.y + offset
            let isSelected = index == selected
            let role: UIRole = isSelected ? (focused ? .selection : .key) : .text
            if isSelected && focused { fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selection) }
            put(items[index], x: rect.x, y: y, role: role, clip: rect)
        }
    }

    private func line(_ cells: [(TableColumn, String)]) -> String {
        cells.map { CellText.padded($1, width: $0.width, alignRight: $0.alignRight) }.joined(separator: "  ")
    }
}

/// The first visible row that keeps `selected` on screen in a window of `visible` rows.
public func scrollOffset(selected: Int, current: Int, visible: Int) -> Int {
    guard visible > 0 else { return 0 }
    if selected < current { return selected }
    if selected >= current + visible { return selected - visible + 1 }
    return current
}
