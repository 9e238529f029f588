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

/// What a view asks of one column, as ratatui's constraints and lazygit's padded cells do: a
/// heading, the values it must show, how much it matters, and whether its values are numbers
/// (which are never cut) or text (which may shrink to `minimum`).
public struct ColumnSpec: Sendable, Hashable {
    public var heading: String
    public var values: [String]
    /// Columns of lower priority are hidden first when the table does not fit.
    public var priority: Int
    public var isNumber: Bool
    /// The narrowest a text column gets before it is hidden instead.
    public var minimum: Int
    /// A role for each value that has one of its own (a status in the colour of what it means);
    /// values without one take their row's role.
    public var roles: [UIRole?]

    public init(
        _ heading: String, values: [String], priority: Int, isNumber: Bool = false, minimum: Int = 8,
        roles: [UIRole?] = []
    ) {
        self.heading = heading
        self.values = values
        self.priority = priority
        self.isNumber = isNumber
        self.minimum = minimum
        self.roles = roles
    }

    /// As wide as the heading and the widest value.
    var natural: Int { values.reduce(DisplayWidth.of(heading)) { max($0, DisplayWidth.of($1)) } }

    /// The least width it can have: a number's whole width, a text's `minimum` (or less when
    /// everything it holds is narrower).
    var least: Int { isNumber ? natural : min(natural, max(minimum, DisplayWidth.of(heading))) }
}

/// Fits a table's columns to the width it has: every column first gets its least width, columns
/// are hidden from the lowest priority up until those fit, and the space left widens the shown
/// columns towards their natural widths, most important first.
public enum TableLayout {
    /// The gap between columns, as ``CellGrid/table`` draws them.
    static let gap = 2

    /// The columns shown, in the specs' order, with the index of the spec each came from.
    public static func fit(_ specs: [ColumnSpec], width: Int) -> [(index: Int, column: TableColumn)] {
        var shown = Array(specs.indices)
        func needed(_ indices: [Int]) -> Int {
            indices.reduce(0) { $0 + specs[$1].least } + max(0, indices.count - 1) * gap
        }
        while shown.count > 1, needed(shown) > width {
            let lowest = shown.dropFirst().min { specs[$0].priority < specs[$1].priority } ?? shown[shown.count - 1]
            shown.removeAll { $0 == lowest }
        }
        var widths = Dictionary(uniqueKeysWithValues: shown.map { ($0, specs[$0].least) })
        var free = width - needed(shown)
        for index in shown.sorted(by: { specs[$0].priority > specs[$1].priority }) where free > 0 {
            let grow = min(free, specs[index].natural - (widths[index] ?? 0))
            widths[index, default: 0] += grow
            free -= grow
        }
        return shown.map { index in
            (index, TableColumn(specs[index].heading, width: widths[index] ?? 0, alignRight: specs[index].isNumber))
        }
    }

    /// A table of `specs` fitted to `width`: its columns and rows, each row's cells picked from
    /// the specs' values, in `role`s given by `rowRole`.
    public static func table(
        _ specs: [ColumnSpec], width: Int, rowRole: (Int) -> UIRole = { _ in .text }
    ) -> (columns: [TableColumn], rows: [TableRow]) {
        let fitted = fit(specs, width: width)
        let count = specs.map(\.values.count).max() ?? 0
        let rows = (0..<count).map { row in
            var cellRoles: [Int: UIRole] = [:]
            for (column, shown) in fitted.enumerated() {
                if let role = specs[shown.index].roles[safe: row] ?? nil { cellRoles[column] = role }
            }
            return TableRow(fitted.map { specs[$0.index].values[safe: row] ?? "" }, role: rowRole(row), cellRoles: cellRoles)
        }
        return (fitted.map(\.column), rows)
    }
}

/// Text fitted to a cell.
enum CellText {
    /// `text` fitted to exactly `width` columns: cut as ``fit(_:width:)`` cuts, then padded. The
    /// text is measured once, as every cell of every frame goes through here.
    static func padded(_ text: String, width: Int, alignRight: Bool) -> String {
        let measured = DisplayWidth.of(text)
        let fitted = measured > width ? fit(text, width: width) : text
        let used = measured > width ? DisplayWidth.of(fitted) : measured
        let padding = String(repeating: " ", count: max(0, width - used))
        return alignRight ? padding + fitted : fitted + padding
    }

    /// `text` in at most `width` columns: whole when it fits, else cut with `…` after the last
    /// whole word that keeps most of the width, so a cell reads `failed (interrupted)` or
    /// `failed …` rather than `failed (i…`.
    static func fit(_ text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        let hard = DisplayWidth.truncate(text, to: width)
        let kept = hard.dropLast()
        guard let space = kept.lastIndex(of: " ") else { return hard }
        let words = String(kept[..<space])
        return DisplayWidth.of(words) * 3 >= width * 2 ? words + " …" : hard
    }
}

/// Whole numbers as people read them: `510,000`.
enum NumberText {
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return number < 0 ? "-" + grouped : grouped
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
