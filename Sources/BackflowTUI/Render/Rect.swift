/// A rectangle of cells, in columns and rows from the top-left of the screen.
public struct Rect: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The area inside a one-cell border.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }

    /// The left part `columns` wide and the rest, with `gap` columns between them.
    public func splitColumns(at columns: Int, gap: Int = 0) -> (Rect, Rect) {
        let left = Rect(x: x, y: y, width: min(columns, width), height: height)
        let right = Rect(x: x + left.width + gap, y: y, width: width - left.width - gap, height: height)
        return (left, right)
    }

    /// The top part `rows` high and the rest.
    public func splitRows(at rows: Int) -> (Rect, Rect) {
        let top = Rect(x: x, y: y, width: width, height: min(rows, height))
        return (top, Rect(x: x, y: y + top.height, width: width, height: height - top.height))
    }
}
