import BackflowCore

/// The screen as values: views draw into a grid, the curses backend flushes the rows that changed,
/// and tests read the grid's text without a terminal.
public struct CellGrid: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// The cells of row `y`.
    public func row(_ y: Int) -> ArraySlice<Cell> { cells[(y * width)..<((y + 1) * width)] }

    /// Writes `text` from (`x`, `y`), never past `clip`; returns the column after the last cell written.
    ///
    /// A wide character that would straddle the clip edge is left out rather than cut in half.
    /// Control characters (a newline inside a value) are shown as spaces so one value stays on one row.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: UIRole, clip: Rect? = nil) -> Int {
        let area = clip ?? bounds
        guard y >= area.y, y < area.maxY, y >= 0, y < height else { return x }
        let limit = min(area.maxX, width)
        var column = x
        for character in text {
            let columns = DisplayWidth.of(character)
            let shown: Character = columns == 0 ? " " : character
            let span = max(1, columns)
            if column + span > limit { break }
            if column >= max(area.x, 0) {
                self[column, y] = Cell(shown, role: role)
                if span == 2 { self[column + 1, y] = Cell(" ", role: role, isContinuation: true) }
            }
            column += span
        }
        return column
    }

    /// Paints every cell of `rect` blank in `role` (a selection bar, the status bar).
    public mutating func fill(_ rect: Rect, role: UIRole) {
        for y in max(rect.y, 0)..<min(rect.maxY, height) {
            for x in max(rect.x, 0)..<min(rect.maxX, width) { self[x, y] = Cell(" ", role: role) }
        }
    }

    /// The grid's text, one line a row, trailing spaces trimmed: what a golden screen stores and
    /// what `tmux capture-pane` shows.
    public var text: String {
        (0..<height).map { y in
            var line = ""
            for cell in row(y) where !cell.isContinuation { line.append(cell.character) }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
