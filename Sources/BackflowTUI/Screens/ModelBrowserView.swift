import BackflowCore

/// The model browser: models on the left; the chosen model's columns with their types and its
/// first rows on the right, both narrowed by the `/` filter.
enum ModelBrowserView {
    static func draw(_ state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let (list, detail) = rect.splitColumns(at: 24)
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
            drawPreview(preview, state: state, in: detail, into: &grid)
        }
    }

    private static func drawPreview(_ preview: ModelPreview, state: AppState, in rect: Rect, into grid: inout CellGrid) {
        let columns = state.filteredColumns(preview.columns)
        let filter = state.models.columnFilter
        let columnsHeight = min(rect.height / 2, columns.count + 3)
        let (top, bottom) = rect.splitRows(at: max(4, columnsHeight))
        let title = filter.isEmpty
            ? "Columns (\(preview.columns.count))" : "Columns matching \"\(filter)\" (\(columns.count) of \(preview.columns.count))"
        grid.box(top, title: title)
        grid.table(
            [TableColumn("COLUMN", width: 28), TableColumn("TYPE", width: 14), TableColumn("KIND", width: 8)],
            rows: columns.map { TableRow([$0.name, $0.type, $0.kind.rawValue]) }, in: top.inner.inset(left: 1),
            selected: nil)
        let browsing = state.models.browsingRows
        grid.box(bottom, title: "First \(preview.records.count) rows", focused: browsing)
        let inner = bottom.inner.inset(left: 1)
        let shown = visibleColumns(
            columns.map(\.name).dropFirst(state.models.firstColumn), records: preview.records, width: inner.width)
        let rows = preview.records.map { record in
            TableRow(shown.map { column in record.columns[column.heading].map(cellText) ?? "" })
        }
        grid.table(shown, rows: rows, in: inner, selected: nil, firstRow: state.models.firstRow)
    }

    /// The columns from the first shown one that fit in `width`, each as wide as its widest value
    /// (at most 24). Only these are measured, so a model of hundreds of columns draws as fast as a
    /// narrow one.
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

    /// A value as one table cell: strings bare, everything else as compact JSON.
    static func cellText(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return JSONWriter.compact(value)
    }
}
