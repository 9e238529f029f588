/// Boxes drawn with Unicode box characters (UTF-8 output is set up before curses starts).
extension CellGrid {
    /// A border around `rect` with `title` set into the top edge; `focused` draws the title in the
    /// selection role so the panel that takes the keys stands out.
    public mutating func box(_ rect: Rect, title: String = "", focused: Bool = false) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let horizontal = String(repeating: "─", count: rect.width - 2)
        put("┌" + horizontal + "┐", x: rect.x, y: rect.y, role: .border)
        put("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, role: .border)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            put("│", x: rect.x, y: y, role: .border)
            put("│", x: rect.maxX - 1, y: y, role: .border)
        }
        if !title.isEmpty {
            let clip = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1)
            put(" \(title) ", x: rect.x + 2, y: rect.y, role: focused ? .selection : .title, clip: clip)
        }
    }
}
