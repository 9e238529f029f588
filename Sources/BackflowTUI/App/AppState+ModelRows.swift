import BackflowCore

/// Paging through a model's rows: the preview loads a screenful at a time, and scrolling near its
/// end loads the next one, so a model is read as far as the user pages and no further.
extension AppState {
    /// How many rows a preview loads at a time: a screen's worth (at least Segment's 10).
    var rowsPerLoad: Int { max(ModelPreview.defaultLimit, screenHeight) }

    /// Rows the rows table shows at once at the current screen size.
    var visibleRows: Int {
        ModelBrowserView.visibleRows(
            screenHeight: screenHeight, columnCount: filteredColumns(models.preview.value?.columns ?? []).count)
    }

    /// The last first row that still fills the table: no scrolling past the last row into blank space.
    var lastFirstRow: Int { max(0, (models.preview.value?.records.count ?? 0) - visibleRows) }

    /// Whether the preview holds every row it asked for, so the model may have more.
    var previewMayHaveMoreRows: Bool {
        guard let preview = models.preview.value else { return false }
        return preview.records.count + preview.problems.count >= models.rowLimit
    }

    /// j/k move the selected row (the table following it), PgUp/PgDn the table and the selection by
    /// its height, Home/End to the ends of what is loaded; reaching the last loaded screen asks for
    /// the next rows.
    mutating func scrollRows(_ command: Command) -> [Effect] {
        let page = max(1, visibleRows)
        let count = models.preview.value?.records.count ?? 0
        let step: Int
        switch command {
        case .pageUp, .pageDown:
            step = command == .pageUp ? -page : page
            models.firstRow = max(0, min(lastFirstRow, models.firstRow + step))
        default: step = movement(command)
        }
        models.selectedRow = max(0, min(count - 1, models.selectedRow + step))
        models.firstRow = min(lastFirstRow, scrollOffset(selected: models.selectedRow, current: models.firstRow, visible: page))
        guard step > 0, models.firstRow + page >= lastFirstRow, previewMayHaveMoreRows,
            let model = models.previewModel
        else { return [] }
        models.rowLimit += rowsPerLoad
        return [.loadPreview(model: model, limit: models.rowLimit)]
    }
}
