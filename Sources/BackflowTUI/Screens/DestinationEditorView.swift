import BackflowCore

/// The destination form: one row per setting, write keys shown by their variable's name only.
enum DestinationEditorView {
    static func draw(_ state: AppState, _ editing: DestinationEditorState, in rect: Rect, into grid: inout CellGrid) {
        let title = editing.originalName.map { "Edit destination: \($0)" } ?? "New destination"
        grid.fill(rect, role: .text)
        grid.box(rect, title: title, focused: true)
        let inner = rect.inner.inset(left: 1)
        let list = rowsArea(in: rect)
        let first = scrollOffset(selected: editing.selected, current: 0, visible: list.height)
        for (offset, row) in editing.rows.dropFirst(first).prefix(list.height).enumerated() {
            let selected = first + offset == editing.selected
            let text = (selected ? "› " : "  ") + DisplayWidth.pad(label(row), to: 24) + value(row, editing.draft)
            grid.put(text, x: list.x, y: list.y + offset, role: selected ? .selection : .text, clip: list)
        }
        let problems = state.problems.filter { $0.subject == .destination(editing.originalName ?? editing.draft.name) }
        for (offset, problem) in problems.prefix(2).enumerated() {
            grid.put("✗ " + problem.diagnostic.message, x: inner.x, y: inner.maxY - 3 + offset, role: .error, clip: inner)
        }
        if let message = editing.message {
            grid.put("✗ " + message, x: inner.x, y: inner.maxY - 1, role: .error, clip: inner)
        }
        if let picker = editing.picker, let box = pickerBox(state, editing, in: rect) {
            drawPicker(state, editing, picker, in: box, into: &grid)
        }
    }

    /// Where the rows are drawn in a form drawn in `rect`: above the problems and the message, scrolled to
    /// keep the cursor's row in sight.
    static func rowsArea(in rect: Rect) -> Rect {
        let inner = rect.inner.inset(left: 1)
        return Rect(x: inner.x, y: inner.y, width: inner.width, height: max(1, inner.height - 3))
    }

    /// The type or region list's box over a form drawn in `rect`, sized to its rows.
    static func pickerBox(_ state: AppState, _ editing: DestinationEditorState, in rect: Rect) -> Rect? {
        guard editing.picker != nil, let list = state.openPopupList() else { return nil }
        let inner = rect.inner.inset(left: 1)
        let height = min(inner.height, PopupListView.height(state, rowCount: list.labels.count) + 2)
        return Rect(x: inner.maxX - min(inner.width, 50), y: inner.y, width: min(inner.width, 50), height: height)
    }

    private static func label(_ row: DestinationRow) -> String {
        switch row {
        case .name: return "name"
        case .type: return "type"
        case .enabled: return "enabled"
        case .region: return "region"
        case .endpoint: return "endpoint"
        case .writeKey: return "write key variable"
        case .spaceName: return "profile space"
        case .spaceWriteKey: return "  write key variable"
        case .addSpace: return "+ add a profile space"
        }
    }

    private static func value(_ row: DestinationRow, _ draft: DestinationConfig) -> String {
        switch row {
        case .name: return draft.name
        case .type: return draft.type
        case .enabled: return draft.enabled ? "yes" : "no"
        case .region: return draft.region ?? "the type's default (\(draft.effectiveRegion ?? "none"))"
        case .endpoint: return draft.endpoint ?? "– (the region's Tracking API)"
        case .writeKey: return draft.writeKey.map { "$" + $0.variableName } ?? "– (not set)"
        case .spaceName(let index): return draft.profileSpaces[safe: index]?.name ?? ""
        case .spaceWriteKey(let index):
            let name = draft.profileSpaces[safe: index]?.writeKey.variableName ?? ""
            return name.isEmpty ? "– (not set)" : "$" + name
        case .addSpace: return ""
        }
    }

    private static func drawPicker(
        _ state: AppState, _ editing: DestinationEditorState, _ picker: DestinationPicker, in box: Rect,
        into grid: inout CellGrid
    ) {
        let title: String, rows: [String], selected: Int
        switch picker {
        case .type(let index):
            title = "Type"
            rows = DestinationKind.allCases.map(\.rawValue)
            selected = index
        case .region(let index):
            title = "Region"
            rows = state.regionChoices(editing.draft).map(\.label)
            selected = index
        }
        grid.fill(box, role: .text)
        grid.box(box, title: title, focused: true)
        PopupListView.draw(state, rows: rows, selected: selected, in: box.inner.inset(left: 1), into: &grid)
    }

    static func keys(_ state: AppState, _ editing: DestinationEditorState) -> String {
        if editing.confirmingDiscard { return "y drop the changes  any other key keep editing" }
        if editing.picker != nil { return PopupListView.keys(state, close: "close") }
        let remove = editing.selectedSpace == nil ? "" : "x remove space  "
        return "j/k move  Enter set  \(remove)a apply  w save  ? help  Esc close"
    }
}
