import BackflowCore

/// Setting one field of the mapping editor's form: the kind picker, the column picker, an
/// object's keys, and the text prompts for literals, templates and raw mapping JSON.
extension AppState {
    /// The column picker's rows: the model's columns, from the preview.
    var editorColumns: [ModelColumn] {
        guard let editing = editor, models.previewModel == editing.draft.model else { return [] }
        return models.preview.value?.columns ?? []
    }

    /// The object picker's rows for `field`: keys it has, then the schema's other properties.
    func objectKeyRows(_ field: String) -> [String] {
        guard let editing = editor else { return [] }
        var keys: [String] = []
        if case .object(let object)? = editing.draft.fields[field].map(MappingValue.init(classifying:)) {
            keys = object.keys
        }
        let properties = editorFields(editing).first { $0.key == field }?.properties?.map(\.key) ?? []
        return keys + properties.filter { !keys.contains($0) }
    }

    mutating func handlePickerKey(_ key: Key, _ editing: inout MappingEditorState) -> [Effect] {
        guard let picker = editing.picker else { return [] }
        let count: Int
        switch picker {
        case .kind: count = ValueKind.allCases.count
        case .column: count = editorColumns.count
        case .objectKeys(let field, _): count = objectKeyRows(field).count + 1
        case .setting(let setting, _): count = settingChoices(setting).count
        }
        if let step = listStep(for: key) {
            editing.picker = picker.moved(step, count: count)
            editor = editing
            return []
        }
        switch key {
        case .escape: editing.picker = nil
        case .character("d"):
            if case .objectKeys(let field, let selected) = picker, let name = objectKeyRows(field)[safe: selected] {
                editor = editing
                return setValue(nil, at: [field, name])
            }
        case .enter:
            editing.picker = nil
            editor = editing
            return choose(picker)
        default:
            break
        }
        editor = editing
        return []
    }

    private mutating func choose(_ picker: FieldPicker) -> [Effect] {
        switch picker {
        case .kind(let path, let selected):
            return chooseKind(ValueKind.allCases[safe: selected] ?? .column, path: path)
        case .column(let path, let selected):
            guard let column = editorColumns[safe: selected] else { return [] }
            return setValue(.column(column.name), at: path)
        case .objectKeys(let field, let selected):
            let rows = objectKeyRows(field)
            guard let name = rows[safe: selected] else {
                prompt = TextPrompt(purpose: .objectKey(field))
                return []
            }
            editor?.picker = .kind(path: [field, name], selected: 0)
            return []
        case .setting(let setting, let selected):
            return chooseSetting(setting, at: selected)
        }
    }

    private mutating func chooseKind(_ kind: ValueKind, path: [String]) -> [Effect] {
        let current = currentValue(at: path)
        switch kind {
        case .column:
            guard !editorColumns.isEmpty else {
                editor?.message = "the model's columns are not loaded: \(models.preview.failureText ?? "wait a moment")"
                return []
            }
            var selected = 0
            if case .column(let name)? = current { selected = editorColumns.firstIndex { $0.name == name } ?? 0 }
            editor?.picker = .column(path: path, selected: selected)
        case .literal:
            var text = ""
            if case .literal(let value)? = current {
                if case .string(let string) = value { text = string } else { text = JSONWriter.compact(value) }
            }
            prompt = TextPrompt(purpose: .literal(path), text: text)
        case .template:
            var text = ""
            if case .template(let template)? = current { text = template }
            prompt = TextPrompt(purpose: .template(path), text: text)
        case .object:
            guard path.count == 1 else {
                editor?.message = "an object inside an object: write it as raw mapping JSON"
                return []
            }
            editor?.picker = .objectKeys(field: path[0], selected: 0)
        case .rawJSON:
            prompt = TextPrompt(purpose: .rawJSON(path), text: current.map { JSONWriter.compact($0.json) } ?? "")
        case .clear:
            return setValue(nil, at: path)
        }
        return []
    }

    func currentValue(at path: [String]) -> MappingValue? {
        guard let editing = editor, let field = editing.draft.fields[path[0]] else { return nil }
        guard path.count == 2 else { return MappingValue(classifying: field) }
        guard case .object(let object) = MappingValue(classifying: field), let value = object[path[1]] else {
            return nil
        }
        return MappingValue(classifying: value)
    }

    /// Enter in one of the editor's text prompts.
    mutating func editorPromptEntered(_ purpose: TextPrompt.Purpose, text: String) -> [Effect] {
        switch purpose {
        case .mappingName:
            return nameChosen(text)
        case .literal(let path):
            let value = (try? JSONReader.parse(text)) ?? .string(text)
            return setValue(.literal(value), at: path)
        case .template(let path):
            return setValue(.template(text), at: path)
        case .rawJSON(let path):
            do {
                return setValue(MappingValue(classifying: try JSONReader.parse(text)), at: path)
            } catch {
                editor?.message = "not JSON: \(error)"
                prompt = TextPrompt(purpose: purpose, text: text)
                return []
            }
        case .objectKey(let field):
            let name = text.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return [] }
            editor?.picker = .kind(path: [field, name], selected: 0)
            return []
        case .testRecord:
            return testRecordChosen(text)
        case .cronSchedule:
            return cronScheduleChosen(text)
        case .columnFilter, .recordID, .command, .destinationValue, .search, .listFilter, .popupFilter:
            return []
        }
    }

    /// Sets (or, with nil, removes) the value at `path` in the draft and tests the draft again.
    mutating func setValue(_ value: MappingValue?, at path: [String]) -> [Effect] {
        guard let editing = editor else { return [] }
        var changed = editing.draft
        if path.count == 1 {
            changed.fields[path[0]] = value?.json
        } else {
            var object = JSONObject()
            if case .object(let existing)? = changed.fields[path[0]].map(MappingValue.init(classifying:)) {
                object = existing
            }
            object[path[1]] = value?.json
            changed.fields[path[0]] = object.isEmpty ? nil : MappingValue.object(object).json
            editor?.picker = .objectKeys(field: path[0], selected: 0)
        }
        let shown = path.joined(separator: ".")
        let label = value.map { "\(shown) = \(MappingEditorView.summary($0.json))" } ?? "clear \(shown)"
        editor?.message = nil
        return changeDraft(to: changed, label: label)
    }

    /// The problems to show on a form field: the mapping language's, then Test Mapping's for the record.
    public func fieldErrors(_ field: String) -> [String] {
        guard let editing = editor else { return [] }
        var errors: [String] = []
        if let value = editing.draft.fields[field] {
            errors += MappingValidator.validate(value).map(\.description)
        }
        if let outcome = editing.test.value {
            // The mapping stage repeats what the validator just said, so only the later stages are added.
            errors += outcome.problems.filter { problem in
                problem.stage != .mapping && (problem.field == field || problem.field?.hasPrefix(field + ".") == true)
            }.map(\.message)
        }
        return errors
    }
}

extension FieldPicker {
    func moved(_ step: Int, count: Int) -> FieldPicker {
        switch self {
        case .kind(let path, let selected): return .kind(path: path, selected: clamped(selected, step, count: count))
        case .column(let path, let selected):
            return .column(path: path, selected: clamped(selected, step, count: count))
        case .objectKeys(let field, let selected):
            return .objectKeys(field: field, selected: clamped(selected, step, count: count))
        case .setting(let setting, let selected):
            return .setting(setting, selected: clamped(selected, step, count: count))
        }
    }
}

extension Loadable {
    var failureText: String? {
        if case .failed(let text) = self { return text }
        return nil
    }
}
