import BackflowCore

/// The mouse on what is drawn over the screens: the mapping and destination forms, the lists that
/// open over them, and the problems pane. A click selects the row under the pointer and a click on
/// the selected row opens it, as Enter would; the wheel moves the selection as ↑/↓ do. Rows are
/// found from the views' own layouts, so a click lands where the row is drawn.
extension AppState {
    /// What the mouse does over a form or the problems pane; nil when neither is open.
    mutating func handleOverlayMouse(_ event: MouseEvent) -> [Effect]? {
        guard editor != nil || destinationEditor != nil || problemsPane.isShowing else { return nil }
        if let effects = handleFormPreviewMouse(event) { return effects }
        switch event.action {
        case .wheelUp, .wheelDown:
            let key: Key = event.action == .wheelUp ? .up : .down
            return (0..<Self.wheelLines).flatMap { _ in update(.key(key)) }
        case .click:
            guard let target = overlayRow(atY: event.y, x: event.x) else { return [] }
            guard target.row != target.selected else { return update(.key(.enter)) }
            selectOverlayRow(target.row)
            return []
        }
    }

    /// The mouse over the form's live preview: a click gives it the keys, the wheel scrolls it.
    /// Nil when the pointer is elsewhere (a click on the rows gives them the keys back).
    private mutating func handleFormPreviewMouse(_ event: MouseEvent) -> [Effect]? {
        guard let editing = editor, editing.step == .form, editing.picker == nil else { return nil }
        let box = MappingEditorView.formParts(editing, in: MappingEditorView.body(editing, in: body)).preview
        guard event.x >= box.x, event.x < box.maxX, event.y >= box.y, event.y < box.maxY else {
            if event.action == .click { editor?.previewFocused = false }
            return nil
        }
        switch event.action {
        case .click: editor?.previewFocused = true
        case .wheelUp: for _ in 0..<Self.wheelLines { _ = payloadCommand(.moveUp) }
        case .wheelDown: for _ in 0..<Self.wheelLines { _ = payloadCommand(.moveDown) }
        }
        return []
    }

    /// The row under the pointer in whatever is on top (a pop-up list over a form, the form, the
    /// problems pane), with the row selected there now.
    private func overlayRow(atY y: Int, x: Int) -> (row: Int, selected: Int)? {
        let screenBody = body
        if let list = openPopupList(), let area = popupListArea(in: screenBody) {
            guard x >= area.x, x < area.maxX,
                let row = PopupListView.row(atY: y, self, rowCount: list.labels.count, selected: list.selected, in: area)
            else { return nil }
            return (row, list.selected)
        }
        if let editing = editor, editing.step == .form {
            let rows = MappingEditorView.formParts(editing, in: MappingEditorView.body(editing, in: screenBody)).rows
            let (lines, area, first) = MappingEditorView.formLineLayout(self, editing, in: rows)
            guard x >= area.x, x < area.maxX, y >= area.y, y < area.maxY,
                let row = lines[safe: first + y - area.y]?.row
            else { return nil }
            return (row, editing.selected)
        }
        if let editing = destinationEditor {
            let area = DestinationEditorView.rowsArea(in: screenBody)
            guard y >= area.y, y < area.maxY else { return nil }
            let first = scrollOffset(selected: editing.selected, current: 0, visible: area.height)
            let row = first + y - area.y
            return editing.rows.indices.contains(row) ? (row, editing.selected) : nil
        }
        guard problemsPane.isShowing else { return nil }
        let (lines, area, first) = ProblemsView.layout(self, in: screenBody)
        guard y >= area.y, y < area.maxY, let row = lines[safe: first + y - area.y]?.row else { return nil }
        return (row, problemsPane.selected)
    }

    /// Where the open pop-up list's rows are drawn on the screen.
    private func popupListArea(in screenBody: Rect) -> Rect? {
        if let editing = destinationEditor {
            return DestinationEditorView.pickerBox(self, editing, in: screenBody).map { $0.inner.inset(left: 1) }
        }
        guard let editing = editor else { return nil }
        return MappingEditorView.popupListArea(self, editing, in: MappingEditorView.body(editing, in: screenBody))
    }

    /// Selects `row` in whatever is on top.
    private mutating func selectOverlayRow(_ row: Int) {
        if let list = openPopupList() {
            if var editing = destinationEditor, let picker = editing.picker {
                switch picker {
                case .type: editing.picker = .type(selected: row)
                case .region: editing.picker = .region(selected: row)
                }
                destinationEditor = editing
            } else if let picker = editor?.picker {
                editor?.picker = picker.moved(row - list.selected, count: list.labels.count)
            } else {
                editor?.selected = row
            }
        } else if editor != nil {
            editor?.selected = row
        } else if destinationEditor != nil {
            destinationEditor?.selected = row
        } else {
            problemsPane.selected = row
        }
    }
}
