import BackflowCore

/// The mapping editor: a new mapping's choices so far and the current step's list, or the form: the
/// settings rows, the action's fields with their problems, the live preview of the message beside
/// them (below them on a narrow terminal), and a picker over the form while a row is set.
enum MappingEditorView {
    static func draw(_ state: AppState, _ editing: MappingEditorState, in rect: Rect, into grid: inout CellGrid) {
        let title = editing.originalName.map { "Edit mapping: \($0)" } ?? "New mapping"
        grid.box(rect, title: title, focused: true)
        let inner = rect.inner.inset(left: 1)
        let body = body(editing, in: rect)
        if editing.step == .form {
            drawForm(state, editing, in: body, into: &grid)
        } else {
            grid.put(breadcrumb(state, editing), x: inner.x, y: inner.y, role: .muted, clip: inner)
            drawChoices(state, editing, in: body, into: &grid)
        }
        if let message = editing.message {
            grid.put("✗ " + message, x: inner.x, y: inner.maxY - 1, role: .error, clip: inner)
        }
    }

    /// The editor's working area in its box `rect`: under the breadcrumb for a new mapping's steps,
    /// above the line of the message.
    static func body(_ editing: MappingEditorState, in rect: Rect) -> Rect {
        let inner = rect.inner.inset(left: 1)
        return editing.step == .form
            ? Rect(x: inner.x, y: inner.y, width: inner.width - 1, height: inner.height - 1)
            : Rect(x: inner.x, y: inner.y + 2, width: inner.width - 1, height: inner.height - 3)
    }

    /// The form's rows (with the selected row's description under them) and the live preview: beside
    /// them on a wide terminal, below them on a narrow one, where the preview takes most of the
    /// height while it has the keys.
    static func formParts(_ editing: MappingEditorState, in body: Rect) -> (rows: Rect, preview: Rect) {
        guard body.width < 110 else { return body.splitColumns(at: body.width - body.width * 2 / 5, gap: 1) }
        let rowsHeight = editing.previewFocused ? max(5, body.height / 3) : body.height - max(6, body.height / 3)
        return body.splitRows(at: rowsHeight)
    }

    /// Where the open pop-up list's rows are drawn in the editor's `body`: a step's list under its
    /// title, or the inside of the picker's box over the form.
    static func popupListArea(_ state: AppState, _ editing: MappingEditorState, in body: Rect) -> Rect? {
        guard editing.step == .form else {
            return Rect(x: body.x, y: body.y + 2, width: body.width, height: body.height - 2)
        }
        return pickerBox(state, editing, over: body).map { $0.inner.inset(left: 1) }
    }

    /// The picker's box over the form, sized to its rows.
    private static func pickerBox(_ state: AppState, _ editing: MappingEditorState, over body: Rect) -> Rect? {
        guard editing.picker != nil, let list = state.openPopupList() else { return nil }
        let width = min(body.width - 4, 70)
        let height = min(body.height, PopupListView.height(state, rowCount: list.labels.count) + 2)
        return Rect(x: body.maxX - width, y: body.y, width: width, height: height)
    }

    private static func breadcrumb(_ state: AppState, _ editing: MappingEditorState) -> String {
        let draft = editing.draft
        var parts = ["destination \(draft.destination)", "model \(draft.model)"]
        if !draft.action.isEmpty { parts.append("action \(draft.action)") }
        if editing.step == .name { parts.append("records \(draft.records.label)") }
        return parts.joined(separator: " › ")
    }

    private static func stepTitle(_ step: MappingEditorState.Step) -> String {
        switch step {
        case .destination: return "Send to which destination?"
        case .model: return "Which model's records?"
        case .action: return "Which action?"
        case .records: return "Which records?"
        case .name: return "Name the mapping (type it below)"
        case .form: return "Fields"
        }
    }

    private static func drawChoices(
        _ state: AppState, _ editing: MappingEditorState, in rect: Rect, into grid: inout CellGrid
    ) {
        grid.put(stepTitle(editing.step), x: rect.x, y: rect.y, role: .title, clip: rect)
        let rows: [String]
        switch editing.step {
        case .destination:
            rows = state.workspace.destinations.map { destination in
                let count = state.workspace.mappings.filter { $0.destination == destination.name }.count
                return "\(destination.name)  (\(destination.type), \(count) of "
                    + "\(Catalog.maximumMappingsPerDestination) mappings)"
            }
        case .model:
            rows = state.workspace.models.map(\.name)
        case .action:
            rows = state.editorActions(editing).map { "\($0.title) (\($0.key))" }
            if let action = state.editorActions(editing)[safe: editing.selected] {
                let lines = TextWrap.lines(action.description, width: rect.width)
                for (offset, line) in lines.prefix(3).enumerated() {
                    grid.put(line, x: rect.x, y: rect.maxY - 3 + offset, role: .muted, clip: rect)
                }
            }
        case .records:
            rows = RecordSelection.allCases.map(\.label)
        case .name, .form:
            rows = []
        }
        guard let list = popupListArea(state, editing, in: rect) else { return }
        PopupListView.draw(state, rows: rows, selected: editing.selected, marked: true, in: list, into: &grid)
    }

    private static func drawForm(_ state: AppState, _ editing: MappingEditorState, in rect: Rect, into grid: inout CellGrid) {
        let (list, preview) = formParts(editing, in: rect)
        drawRows(state, editing, in: list, into: &grid)
        let title = editing.test.value.map { "Live preview: record \($0.recordID)" } ?? "Live preview"
        PayloadView.draw(
            previewDocument(editing.test), viewer: editing.previewViewer, title: title, focused: editing.previewFocused,
            in: preview, into: &grid)
        if let picker = editing.picker, let box = pickerBox(state, editing, over: rect) {
            drawPicker(state, picker, in: box, into: &grid)
        }
    }

    /// A line of the form: a row's, or a problem under it (`row` is the row's index), or a heading.
    typealias FormLine = (text: String, role: UIRole, row: Int?)

    /// The settings rows, each with the key that opens it, then the action's fields with their problems.
    private static func formLines(_ state: AppState, _ editing: MappingEditorState) -> [FormLine] {
        let fields = state.editorFields(editing)
        var lines: [FormLine] = []
        for (index, setting) in MappingSetting.allCases.enumerated() {
            let cursor = index == editing.selected ? "›" : " "
            let key = Keymap.form.key(for: setting.command) ?? " "
            let text = "\(cursor)\(key) \(pad(setting.rawValue, 12)) \(settingValue(setting, state, editing))"
            lines.append((text, index == editing.selected ? .selection : .text, index))
            for problem in state.problems(on: .setting(setting), of: editing) {
                lines.append(("    ✗ " + problem, .error, index))
            }
        }
        let action = state.editorActions(editing).first { $0.key == editing.draft.action }
        lines.append(("  Fields of \(action?.title ?? "the action") (* required)", .title, nil))
        for (offset, field) in fields.enumerated() {
            let index = MappingSetting.allCases.count + offset
            let cursor = index == editing.selected ? "›" : " "
            let marker = field.isRequired ? "*" : " "
            let value = editing.draft.fields[field.key].map(summary) ?? "–"
            let text = "\(cursor)\(marker) \(pad(field.label, 20)) \(pad(field.key, 18)) \(pad(field.type.rawValue, 7)) \(value)"
            lines.append((text, index == editing.selected ? .selection : .text, index))
            for error in state.fieldErrors(field.key) {
                lines.append(("    ✗ " + error, .error, index))
            }
        }
        for (offset, key) in state.unknownFieldKeys(editing).enumerated() {
            let index = MappingSetting.allCases.count + fields.count + offset
            let cursor = index == editing.selected ? "›" : " "
            let value = editing.draft.fields[key].map(summary) ?? "–"
            let text = "\(cursor)? \(pad("(not a field)", 20)) \(pad(key, 18)) \(pad("", 7)) \(value)"
            lines.append((text, index == editing.selected ? .selection : .error, index))
            for problem in state.problems(on: .field(key), of: editing) {
                lines.append(("    ✗ " + problem + " (Enter, then \"nothing\" clears it)", .error, index))
            }
        }
        return lines
    }

    /// The form's lines in `rect` (the rows' part of the form): where they go, and the first one
    /// shown, scrolled so the selected row is in sight; the two lines under them are the row's description.
    static func formLineLayout(_ state: AppState, _ editing: MappingEditorState, in rect: Rect)
        -> (lines: [FormLine], area: Rect, first: Int)
    {
        let lines = formLines(state, editing)
        let area = rect.splitRows(at: rect.height - 2).0
        let selectedLine = lines.firstIndex { $0.row == editing.selected } ?? 0
        return (lines, area, scrollOffset(selected: selectedLine, current: 0, visible: area.height))
    }

    /// The form's lines, and the selected row's description under them.
    private static func drawRows(_ state: AppState, _ editing: MappingEditorState, in rect: Rect, into grid: inout CellGrid) {
        let fields = state.editorFields(editing)
        let selectedRow = state.editorFormRows(editing)[safe: editing.selected]
        let (lines, top, first) = formLineLayout(state, editing, in: rect)
        for (offset, line) in lines.dropFirst(first).prefix(top.height).enumerated() {
            grid.put(line.text, x: top.x, y: top.y + offset, role: line.role, clip: top)
        }
        let bottom = rect.splitRows(at: rect.height - 2).1
        let description: String
        switch selectedRow {
        case .field(let key)?:
            let field = fields.first { $0.key == key }
            description = field.map { "\($0.isRequired ? "* required. " : "")\($0.key): \($0.description)" }
                ?? "\(key) is not a field of this action, and the file does not load with it: clear it"
        case .setting(let setting)?:
            description = settingHelp(setting)
        case nil:
            description = ""
        }
        for (offset, line) in TextWrap.lines(description, width: bottom.width).prefix(bottom.height).enumerated() {
            grid.put(line, x: bottom.x, y: bottom.y + offset, role: .muted, clip: bottom)
        }
    }

    private static func settingValue(_ setting: MappingSetting, _ state: AppState, _ editing: MappingEditorState) -> String {
        let draft = editing.draft
        switch setting {
        case .destination:
            let type = state.workspace.destination(named: draft.destination)?.type
            return draft.destination + (type.map { " (\($0))" } ?? " (not in the workspace)")
        case .model: return draft.model
        case .action:
            guard let action = state.editorActions(editing).first(where: { $0.key == draft.action }) else {
                return draft.action.isEmpty ? "– (choose one)" : draft.action
            }
            return "\(action.title) (\(action.key))"
        case .records: return draft.records.label
        case .name: return draft.name
        case .schedule: return draft.schedule.label
        case .testRecord: return draft.testRecord ?? "– (the model's first record)"
        case .syncNulls: return draft.syncNulls ? "on (null values are sent)" : "off (null values are left out)"
        }
    }

    private static func settingHelp(_ setting: MappingSetting) -> String {
        switch setting {
        case .destination: return "Where the messages go. One of another type puts the fields aside (asked first)."
        case .model: return "The model whose records the mapping sends."
        case .action: return "The message each record becomes. Another action puts the fields aside (asked first)."
        case .records: return "Which changes are sent: added, updated, both, or deleted records."
        case .name: return "The mapping's name; renaming keeps its sync state and run history."
        case .schedule: return "When `backflow schedule` syncs it: manual, an interval, or a cron expression in a time zone."
        case .testRecord: return "The record the live preview (and backflow preview) tests; empty: the model's first."
        case .syncNulls: return "Whether null values are sent (Segment's \"Sync null values\")."
        }
    }

    /// Test Mapping of the draft as the preview shows it: whether it is valid, the integers a
    /// JavaScript consumer would round, then the message (or the mapped fields, the failing ones marked).
    static func previewDocument(_ test: Loadable<TestOutcome>) -> PayloadDocument {
        var header = [StyledLine(testLine(test), role: testRole(test))]
        guard let outcome = test.value else { return PayloadDocument(header: header) }
        header += outcome.warnings.map { StyledLine("⚠ " + $0.description, role: .warning) }
        var document = PayloadView.document(for: outcome)
        document.header = header + (outcome.message == nil ? document.header : [])
        return document
    }

    /// A field's mapping in a few words: the column, the literal, the template, the object's keys.
    static func summary(_ json: JSONValue) -> String {
        switch MappingValue(classifying: json) {
        case .column(let name): return "column \(name)"
        case .literal(let value): return "literal \(JSONWriter.compact(value))"
        case .template(let text): return "template \"\(text)\""
        case .object(let object):
            return "object {" + object.entries.map { "\($0.key): \(summary($0.value))" }.joined(separator: ", ") + "}"
        case .other(let value): return "JSON \(JSONWriter.compact(value))"
        }
    }

    private static func testLine(_ test: Loadable<TestOutcome>) -> String {
        switch test {
        case .notLoaded: return "Choose an action to see the message"
        case .loading: return "Testing on a record…"
        case .failed(let reason): return "Test: \(reason)"
        case .loaded(let outcome):
            let general = outcome.problems.filter { $0.field == nil || $0.stage == .mapping }.map(\.message)
            if outcome.problems.isEmpty { return "✓ valid" }
            return "✗ \(outcome.problems.count) problem"
                + (outcome.problems.count == 1 ? "" : "s") + (general.isEmpty ? "" : ": " + general.joined(separator: "; "))
        }
    }

    private static func testRole(_ test: Loadable<TestOutcome>) -> UIRole {
        switch test {
        case .loaded(let outcome): return outcome.problems.isEmpty ? .success : .error
        case .failed: return .error
        default: return .muted
        }
    }

    private static func drawPicker(_ state: AppState, _ picker: FieldPicker, in box: Rect, into grid: inout CellGrid) {
        let title: String, rows: [String], selected: Int
        switch picker {
        case .kind(let path, let index):
            title = "Set \(path.joined(separator: ".")) to"
            rows = ValueKind.allCases.map(\.rawValue)
            selected = index
        case .column(let path, let index):
            title = "Column for \(path.joined(separator: "."))"
            let sample = state.models.preview.value?.records.first
            rows = state.editorColumns.map { column in
                let value = sample?.columns[column.name].map(JSONWriter.compact) ?? ""
                return "\(pad(column.name, 20)) \(pad(column.type, 8)) \(value)"
            }
            selected = index
        case .setting(let setting, let index):
            title = "Choose the \(setting.rawValue)"
            rows = state.settingChoices(setting)
            selected = index
        case .objectKeys(let field, let index):
            title = "Keys of \(field) (Enter set, d remove)"
            rows = state.objectKeyRows(field).map { key in
                let value = state.currentValue(at: [field, key]).map { summary($0.json) } ?? "– (not set)"
                return "\(pad(key, 20)) \(value)"
            } + ["+ add a key"]
            selected = index
        }
        grid.fill(box, role: .text)
        grid.box(box, title: title, focused: true)
        PopupListView.draw(state, rows: rows, selected: selected, in: box.inner.inset(left: 1), into: &grid)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        let truncated = DisplayWidth.truncate(text, to: width)
        return truncated + String(repeating: " ", count: max(0, width - DisplayWidth.of(truncated)))
    }

    /// The status line's keys while the editor is open.
    static func keys(_ state: AppState, _ editing: MappingEditorState) -> String {
        if editing.confirmingDiscard { return "y drop the changes  any other key keep editing" }
        if editing.pendingChange != nil { return "y change it  any other key keep the fields" }
        if editing.picker != nil { return PopupListView.keys(state, close: "close") }
        if editing.step == .form, editing.previewFocused {
            let payloadKeys = state.keymap.bindings.filter { $0.pane == .payload && $0.inStatusLine }
                .map { "\($0.keys[0]) \($0.label)" }
            return (["j/k scroll"] + payloadKeys + ["o/Esc rows", "w save", "? help"]).joined(separator: "  ")
        }
        if editing.step == .form {
            let settings = MappingSetting.allCases.compactMap { Keymap.form.key(for: $0.command) }.joined(separator: "/")
            return "Enter set  o preview  ? help  Esc close  x clear  a apply  w save  u undo  \(settings) settings"
        }
        return editing.step == .name ? "Enter choose  Esc back" : PopupListView.keys(state, close: "back")
    }
}
