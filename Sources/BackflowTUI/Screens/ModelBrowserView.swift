import BackflowCore

/// The model browser: models on the left; the chosen model's columns with their types and its
/// first rows on the right, both narrowed by the `/` filter. Enter on the rows opens the top one
/// whole, every column with NULL as NULL, in a payload pane.
enum ModelBrowserView {
    /// The model list on the left, the columns and rows on the right.
    static func layout(in rect: Rect) -> (list: Rect, detail: Rect) { rect.splitColumns(at: 24) }

    static func draw(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let (list, detail) = layout(in: rect)
        let browsing = state.models.browsingRows
        grid.box(list, title: "Models", focused: !browsing)
        grid.list(
            state.workspace.models.map(\.name), in: list.inner.inset(left: 1), selected: state.models.selectedModel,
            focused: !browsing,
            first: scrollOffset(selected: state.models.selectedModel, current: 0, visible: list.inner.height))
        switch state.models.preview {
        case .notLoaded:
            grid.box(detail, title: "Columns")
        case .loading:
            grid.box(detail, title: "Columns")
            grid.put("loading…", x: detail.x + 2, y: detail.y + 1, role: .muted, clip: detail.inner)
        case .failed(let message):
            grid.box(detail, title: "Columns")
            grid.put(message, x: detail.x + 2, y: detail.y + 1, role: .error, clip: detail.inner)
        case .loaded(let preview):
            if let row = state.models.openRow, let record = preview.records[safe: row] {
                PayloadView.draw(
                    document(for: record, columns: preview.columns), viewer: state.models.rowViewer,
                    title: "Row \(row + 1) of \(preview.records.count): \(record.id) (Esc back)", focused: true, in: detail,
                    into: &grid)
            } else {
                drawPreview(preview, state: state, in: detail, into: &grid)
            }
        }
    }

    /// A row as `column: value` lines in the model's column order, NULL in its own role; `y` copies
    /// it as JSON, where NULL is `null` and text is quoted.
    static func document(for record: ModelRecord, columns: [ModelColumn]) -> PayloadDocument {
        let names = columns.isEmpty ? Array(record.columns.keys) : columns.map(\.name)
        let lines = names.map { columnLine($0, record.columns[$0] ?? .null) }
        return PayloadDocument(body: lines, text: JSONWriter.pretty(.object(record.columns)))
    }

    /// `name: value`, the value as a cell shows it and NULL in its own role.
    static func columnLine(_ name: String, _ value: JSONValue) -> StyledLine {
        let shown: (String, UIRole) = value == .null ? (nullText, .nullValue) : (cellText(value), .text)
        return StyledLine([(name, .jsonKey), (": ", .muted), shown])
    }

    /// The detail pane split into the columns box and the rows box, for `columnCount` columns.
    private static func split(_ rect: Rect, columnCount: Int) -> (columns: Rect, rows: Rect) {
        rect.splitRows(at: max(4, min(rect.height / 2, columnCount + 3)))
    }

    /// How many rows the rows table shows on a screen `screenHeight` high: what a page moves.
    static func visibleRows(screenHeight: Int, columnCount: Int) -> Int {
        let body = Rect(x: 0, y: 0, width: 0, height: screenHeight - 3)
        return max(0, split(body, columnCount: columnCount).rows.inner.height - 1)
    }

    private static func drawPreview(_ preview: ModelPreview, state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let columns = state.filteredColumns(preview.columns)
        let filter = state.models.columnFilter
        let (top, bottom) = split(rect, columnCount: columns.count)
        let title = filter.isEmpty
            ? "Columns (\(preview.columns.count))" : "Columns matching \"\(filter)\" (\(columns.count) of \(preview.columns.count))"
        grid.box(top, title: title)
        grid.table(
            [TableColumn("COLUMN", width: 28), TableColumn("TYPE", width: 14), TableColumn("KIND", width: 8)],
            rows: columns.map { TableRow([$0.name, $0.type, $0.kind.rawValue]) }, in: top.inner.inset(left: 1),
            selected: nil)
        let browsing = state.models.browsingRows
        let inner = bottom.inner.inset(left: 1)
        grid.box(bottom, title: rowsTitle(preview, state: state, visible: inner.height - 1), focused: browsing)
        // Only the rows in view are measured and laid out: paging through thousands of loaded rows
        // costs a frame no more than the first screen did.
        let first = min(state.models.firstRow, preview.records.count)
        let inView = Array(preview.records[first..<min(preview.records.count, first + max(0, inner.height - 1))])
        let shown = visibleColumns(
            columns.map(\.name).dropFirst(state.models.firstColumn), records: inView, width: inner.width)
        let rows = inView.map { record in
            var nulls: [Int: UIRole] = [:]
            let cells = shown.enumerated().map { index, column in
                let value = record.columns[column.heading]
                if case .null? = value { nulls[index] = .nullValue }
                return value.map(cellText) ?? ""
            }
            return TableRow(cells, cellRoles: nulls)
        }
        grid.table(shown, rows: rows, in: inner, selected: browsing ? state.models.selectedRow - first : nil)
    }

    /// Which rows are in view and of how many: `+` when the model may have more than are loaded.
    private static func rowsTitle(_ preview: ModelPreview, state: AppState, visible: Int) -> String {
        let count = preview.records.count
        guard count > 0 else { return "No rows" }
        let first = min(state.models.firstRow, count - 1)
        let last = min(count, first + max(1, visible))
        return "Rows \(first + 1)–\(last) of \(count)\(state.previewMayHaveMoreRows ? "+" : "")"
    }

    /// The columns from the first shown one that fit in `width`, each as wide as its widest value
    /// in `records` (at most 24). Only these are measured, so a model of hundreds of columns draws
    /// as fast as a narrow one.
    private static func visibleColumns(
        _ names: ArraySlice<String>, records: [ModelRecord], width: Int
    ) -> [TableColumn] {
        var shown: [TableColumn] = []
        var used = 0
        for name in names {
            guard used < width else { break }
            let values = records.map { record in [record.columns[name].map(cellText) ?? ""] }
            let column = TableColumn.fitting(headings: [name], rows: values, maximum: 24)[0]
            shown.append(column)
            used += column.width + 2
        }
        return shown
    }

    /// How a SQL NULL reads in a cell; drawn in the `null` role, so the text "NULL" or "null" in a
    /// column never looks the same.
    static let nullText = "NULL"

    /// A value as one table cell: strings bare, NULL as ``nullText``, everything else as compact JSON.
    static func cellText(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .null: return nullText
        default: return JSONWriter.compact(value)
        }
    }
}
