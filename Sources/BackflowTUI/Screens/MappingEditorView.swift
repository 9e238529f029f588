import BackflowCore

/// The mapping editor: the choices made so far, then the current step's list or the action's form
/// with each field's mapping and its problems, and a picker over the form while a field is set.
enum MappingEditorView {
    static func draw(_ state: AppState, _ editing: MappingEditorState, in rect: Rect, into grid: inout CellGrid) {
        let title = editing.originalName.map { "Edit mapping: \($0)" } ?? "New mapping"
        grid.box(rect, title: title, focused: true)
        let inner = rect.inner.inset(left: 1)
        grid.put(breadcrumb(state, editing), x: inner.x, y: inner.y, role: .muted, clip: inner)
        let body = Rect(x: inner.x, y: inner.y + 2, width: inner.width - 1, height: inner.height - 3)
        if editing.step == .form {
            drawForm(state, editing, in: body, into: &grid)
        } else {
            drawChoices(state, editing, in: body, into: &grid)
        }
        if let message = editing.message {
            grid.put("✗ " + message, x: inner.x, y: inner.maxY - 1, role: .error, clip: inner)
        }
    }

    private static func breadcrumb(_ state: AppState, _ editing: MappingEditorState) -> String {
        let draft = editing.draft
        var parts = ["destination \(draft.destination)", "model \(draft.model)"]
        if !draft.action.isEmpty { parts.append("action \(draft.action)") }
        if editing.step == .name || editing.step == .form { parts.append("records \(draft.records.label)") }
        if editing.step == .form { parts.append("name \(draft.name)") }
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
        let list = Rect(x: rect.x, y: rect.y + 2, width: rect.width, height: rect.height - 2)
        let first = scrollOffset(selected: editing.selected, current: 0, visible: list.height)
        for (offset, row) in rows.dropFirst(first).prefix(list.height).enumerated() {
            let index = first + offset
            let selected = index == editing.selected
            grid.put(
                (selected ? "› " : "  ") + row, x: list.x, y: list.y + offset, role: selected ? .selection : .text,
                clip: list)
        }
    }

    private static func drawForm(_ state: AppState, _ editing: MappingEditorState, in rect: Rect, into grid: inout CellGrid) {
        let fields = state.editorFields(editing)
        let detailHeight = 4
        let list = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - detailHeight)
        var lines: [(text: String, role: UIRole, field: Int)] = []
        for (index, field) in fields.enumerated() {
            let cursor = index == editing.selected ? "›" : " "
            let marker = field.isRequired ? "*" : " "
            let value = editing.draft.fields[field.key].map(summary) ?? "–"
            let text = "\(cursor)\(marker) \(pad(field.label, 20)) \(pad(field.key, 18)) \(pad(field.type.rawValue, 7)) \(value)"
            lines.append((text, index == editing.selected ? .selection : .text, index))
            for error in state.fieldErrors(field.key) {
                lines.append(("    ✗ " + error, .error, index))
            }
        }
        let selectedLine = lines.firstIndex { $0.field == editing.selected } ?? 0
        let first = scrollOffset(selected: selectedLine, current: 0, visible: list.height)
        for (offset, line) in lines.dropFirst(first).prefix(list.height).enumerated() {
            grid.put(line.text, x: list.x, y: list.y + offset, role: line.role, clip: list)
        }
        let detail = Rect(x: rect.x, y: list.maxY, width: rect.width, height: detailHeight)
        grid.put(testLine(editing.test), x: detail.x, y: detail.y, role: testRole(editing.test), clip: detail)
        if let field = fields[safe: editing.selected] {
            let text = "\(field.isRequired ? "* required. " : "")\(field.key): \(field.description)"
            for (offset, line) in TextWrap.lines(text, width: detail.width).prefix(3).enumerated() {
                grid.put(line, x: detail.x, y: detail.y + 1 + offset, role: .muted, clip: detail)
            }
        }
        if let picker = editing.picker {
            drawPicker(state, picker, over: rect, into: &grid)
        }
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
        case .notLoaded: return ""
        case .loading: return "Testing on a record…"
        case .failed(let reason): return "Test: \(reason)"
        case .loaded(let outcome):
            let general = outcome.problems.filter { $0.field == nil || $0.stage == .mapping }.map(\.message)
            if outcome.problems.isEmpty { return "Test on record \(outcome.recordID): ✓ valid (3 shows the message)" }
            return "Test on record \(outcome.recordID): ✗ \(outcome.problems.count) problem"
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

    private static func drawPicker(_ state: AppState, _ picker: FieldPicker, over rect: Rect, into grid: inout CellGrid) {
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
        case .objectKeys(let field, let index):
            title = "Keys of \(field) (Enter set, d remove)"
            rows = state.objectKeyRows(field).map { key in
                let value = state.currentValue(at: [field, key]).map { summary($0.json) } ?? "– (not set)"
                return "\(pad(key, 20)) \(value)"
            } + ["+ add a key"]
            selected = index
        }
        let width = min(rect.width - 4, 70)
        let height = min(rect.height, rows.count + 2)
        let box = Rect(x: rect.maxX - width, y: rect.y, width: width, height: height)
        grid.fill(box, role: .text)
        grid.box(box, title: title, focused: true)
        let list = box.inner.inset(left: 1)
        let first = scrollOffset(selected: selected, current: 0, visible: list.height)
        for (offset, row) in rows.dropFirst(first).prefix(list.height).enumerated() {
            let isSelected = first + offset == selected
            grid.put(row, x: list.x, y: list.y + offset, role: isSelected ? .selection : .text, clip: list)
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        let truncated = DisplayWidth.truncate(text, to: width)
        return truncated + String(repeating: " ", count: max(0, width - DisplayWidth.of(truncated)))
    }

    /// The status line's keys while the editor is open.
    static func keys(_ editing: MappingEditorState) -> String {
        if editing.confirmingDiscard {
            return editing.step == .form ? "y drop the changes  b back to the steps  any other key keep editing"
                : "y drop the changes  any other key keep editing"
        }
        if editing.picker != nil { return "j/k move  Enter choose  Esc close" }
        if editing.step == .form { return "j/k field  Enter set the field  a add to the workspace  Esc back" }
        return "j/k move  Enter choose  Esc back"
    }
}
