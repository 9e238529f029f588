import BackflowCore

/// A column of a table: its heading and how many columns of the screen it takes.
public struct TableColumn: Sendable, Hashable {
    public var heading: String
    public var width: Int
    public var alignRight: Bool

    public init(_ heading: String, width: Int, alignRight: Bool = false) {
        self.heading = heading
        self.width = width
        self.alignRight = alignRight
    }

    /// Widths that fit the longest of the heading and the values, capped at `maximum`.
    public static func fitting(headings: [String], rows: [[String]], maximum: Int = 30) -> [TableColumn] {
        headings.enumerated().map { index, heading in
            let widest = rows.reduce(DisplayWidth.of(heading)) { max($0, DisplayWidth.of($1[safe: index] ?? "")) }
            return TableColumn(heading, width: min(widest, maximum))
        }
    }
}

/// One row of a table: its cells' text and the role they are drawn in.
public struct TableRow: Sendable, Hashable {
    public var cells: [String]
    public var role: UIRole
    /// Cells drawn in a role of their own (a NULL among values), by column index; the others take `role`.
    public var cellRoles: [Int: UIRole]

    public init(_ cells: [String], role: UIRole = .text, cellRoles: [Int: UIRole] = [:]) {
        self.cells = cells
        self.role = role
        self.cellRoles = cellRoles
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
