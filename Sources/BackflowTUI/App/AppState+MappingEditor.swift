import BackflowCore

/// The mapping editor's keys. A new mapping (`n`) goes through a few choices in a row; a mapping
/// opened with `e` goes straight to its form, whose rows (settings, then fields) move with ↑/↓
/// (j/k) and open with Enter or the setting's own key. `a` puts the mapping into the workspace,
/// `w` puts it there and saves, `u` and Ctrl-R undo and redo the draft's changes one by one.
extension AppState {
    /// Every key's help: the keymap's, then the forms'.
    public var helpLines: [String] {
        keymap.helpLines + [""] + Keymap.form.helpLines(titled: "Mapping form (e on a mapping) and destination form")
            + [""] + Keymap.popupList.helpLines(titled: "Lists over the forms (type to filter)")
    }

    /// `n` on the overview: a new mapping, starting with its destination.
    mutating func openNewMapping() -> [Effect] {
        guard let destination = workspace.destinations.first, let model = workspace.models.first else {
            notice = Notice("a mapping needs a destination and a model in the workspace first", role: .warning)
            return []
        }
        let draft = MappingConfig(name: "", destination: destination.name, model: model.name, action: "")
        editor = MappingEditorState(originalName: nil, draft: draft)
        return []
    }

    /// `e` or Enter on the overview: the selected mapping's form.
    mutating func openSelectedMapping() -> [Effect] {
        guard let mapping = workspace.mappings[safe: overview.selectedMapping] else { return [] }
        return openForm(of: mapping, at: nil)
    }

    /// The form of `mapping`, with the cursor on `row` (its first row when nil); the model's
    /// columns (for the column picker) and a first test are asked for.
    mutating func openForm(of mapping: MappingConfig, at row: FormRow?) -> [Effect] {
        var opened = MappingEditorState(originalName: mapping.name, draft: mapping)
        opened.step = .form
        opened.selected = row.flatMap { editorFormRows(opened).firstIndex(of: $0) } ?? 0
        editor = opened
        return loadColumns(of: mapping.model) + testDraft()
    }

    /// The choices the current step lists; on the form, its rows.
    func editorChoices(_ editing: MappingEditorState) -> [String] {
        switch editing.step {
        case .destination: return workspace.destinations.map(\.name)
        case .model: return workspace.models.map(\.name)
        case .action: return editorActions(editing).map(\.key)
        case .records: return RecordSelection.allCases.map(\.label)
        case .name: return []
        case .form: return editorFormRows(editing).map { "\($0)" }
        }
    }

    func editorActions(_ editing: MappingEditorState) -> [Action] {
        workspace.destination(named: editing.draft.destination)?.catalogEntry?.actions ?? []
    }

    /// The form's fields: every field of the action's schema that is not hidden.
    func editorFields(_ editing: MappingEditorState) -> [ActionField] {
        workspace.destination(named: editing.draft.destination)?.catalogEntry?.action(editing.draft.action)?
            .fields.filter { !$0.isHidden } ?? []
    }

    /// The form's rows: the settings, the fields, then keys of the draft's fields that are no
    /// field of its action (a typo in the file, say), so they can be seen and cleared.
    func editorFormRows(_ editing: MappingEditorState) -> [FormRow] {
        MappingSetting.allCases.map(FormRow.setting) + editorFields(editing).map { .field($0.key) }
            + unknownFieldKeys(editing).map(FormRow.field)
    }

    /// The draft's field keys its action does not have.
    func unknownFieldKeys(_ editing: MappingEditorState) -> [String] {
        let action = workspace.destination(named: editing.draft.destination)?.catalogEntry?.action(editing.draft.action)
        return editing.draft.fields.keys.filter { action?.field($0) == nil }
    }

    /// The problems the core finds on one row of the draft's mapping, as in the workspace.
    func problems(on row: FormRow, of editing: MappingEditorState) -> [String] {
        problems.filter { $0.subject == .mapping(editing.originalName ?? editing.draft.name) && Self.formRow(of: $0.diagnostic) == row }
            .map(\.diagnostic.message)
    }

    mutating func handleEditorKey(_ key: Key) -> [Effect] {
        guard var editing = editor else { return [] }
        notice = nil
        if editing.confirmingDiscard { return answerDiscard(key) }
        if let change = editing.pendingChange { return answerPendingChange(change, key) }
        if let effects = handlePopupFilterKey(key) { return effects }
        editing = editor ?? editing
        if editing.picker != nil { return handlePickerKey(key, &editing) }
        if editing.step == .form, editing.previewFocused, let effects = handleFormPreviewKey(key) { return effects }
        if let step = listStep(for: key) {
            editing.selected = clamped(editing.selected, step, count: editorChoices(editing).count)
            editor = editing
            return []
        }
        let command = keymap.command(for: key, on: screen)
        if let effects = commandOfEveryPlace(command) { return effects }
        switch command {
        case .save? where editing.step == .form: return saveFromForm()
        case .undo? where editing.step == .form: return stepThroughDraftHistory(undoing: true)
        case .redo? where editing.step == .form: return stepThroughDraftHistory(undoing: false)
        default: break
        }
        if editing.step == .form, let command = Keymap.form.command(for: key, on: screen) {
            return formCommand(command)
        }
        switch key {
        case .escape:
            return editorBack()
        case .enter:
            return chooseInEditor()
        case .control("c"):
            return askToQuit()
        default:
            return []
        }
    }

    private mutating func formCommand(_ command: Command) -> [Effect] {
        switch command {
        case .select: return chooseInEditor()
        case .back: return editorBack()
        case .applyDraft: return applyDraft()
        case .removeSelected: return clearSelectedField()
        case .switchPanel: return focusFormPreview()
        default:
            guard let setting = MappingSetting.allCases.first(where: { $0.command == command }) else { return [] }
            return openSetting(setting)
        }
    }

    /// `x` on a field's row: the field is cleared (an edit `u` takes back).
    private mutating func clearSelectedField() -> [Effect] {
        guard let editing = editor else { return [] }
        guard case .field(let key)? = editorFormRows(editing)[safe: editing.selected] else {
            editor?.message = "x clears a field; a setting is changed with Enter or its own key"
            return []
        }
        guard editing.draft.fields[key] != nil else { return [] }
        return setValue(nil, at: [key])
    }

    /// Esc: back a step of a new mapping's choices; on the form (or the first step), closing, which
    /// asks first when the draft has changes.
    private mutating func editorBack() -> [Effect] {
        guard var editing = editor else { return [] }
        editing.message = nil
        let previous = editing.step == .form ? nil : Self.previousStep(editing.step)
        if let previous {
            editing.step = previous
            editing.selected = currentChoiceIndex(editing)
        } else if editing.hasChanges {
            editing.confirmingDiscard = true
            notice = Notice(editing.discardQuestion, role: .warning)
        } else {
            editor = nil
            return []
        }
        editor = editing
        return []
    }

    /// The answer to "drop your changes?": `y` closes the editor, the draft with it; any other key
    /// goes back to the draft where it was.
    private mutating func answerDiscard(_ key: Key) -> [Effect] {
        guard var editing = editor else { return [] }
        editing.confirmingDiscard = false
        guard key == .character("y") else {
            notice = Notice("still editing", role: .muted)
            editor = editing
            return []
        }
        editor = nil
        notice = Notice("changes to \(editing.originalName ?? "the new mapping") dropped", role: .muted)
        return []
    }

    private static func previousStep(_ step: MappingEditorState.Step) -> MappingEditorState.Step? {
        let all = MappingEditorState.Step.allCases
        guard let index = all.firstIndex(of: step), index > 0 else { return nil }
        return all[index - 1]
    }

    /// Where the cursor starts on a step: on the draft's current choice.
    private func currentChoiceIndex(_ editing: MappingEditorState) -> Int {
        let draft = editing.draft
        switch editing.step {
        case .destination: return workspace.destinations.firstIndex { $0.name == draft.destination } ?? 0
        case .model: return workspace.models.firstIndex { $0.name == draft.model } ?? 0
        case .action: return editorActions(editing).firstIndex { $0.key == draft.action } ?? 0
        case .records: return RecordSelection.allCases.firstIndex(of: draft.records) ?? 0
        case .name, .form: return 0
        }
    }

    private mutating func chooseInEditor() -> [Effect] {
        guard var editing = editor else { return [] }
        editing.message = nil
        switch editing.step {
        case .destination:
            guard let destination = workspace.destinations[safe: editing.selected] else { return [] }
            if let full = fullDestinationMessage(destination.name, editing) {
                editing.message = full
                editor = editing
                return []
            }
            editing.draft.destination = destination.name
            editing.step = .model
        case .model:
            guard let model = workspace.models[safe: editing.selected] else { return [] }
            editing.draft.model = model.name
            editing.step = .action
        case .action:
            guard let action = editorActions(editing)[safe: editing.selected] else { return [] }
            if action.key != editing.draft.action {
                editing.draft.action = action.key
                editing.draft.fields = initialFields(of: action, for: editing.draft.destination)
            }
            editing.step = .records
        case .records:
            editing.draft.records = RecordSelection.allCases[safe: editing.selected] ?? .addedOrUpdated
            editing.step = .name
            editor = editing
            prompt = TextPrompt(purpose: .mappingName, text: editing.draft.name.isEmpty
                ? suggestedName(editing) : editing.draft.name)
            return []
        case .name:
            prompt = TextPrompt(purpose: .mappingName, text: editing.draft.name)
        case .form:
            editor = editing
            switch editorFormRows(editing)[safe: editing.selected] {
            case .setting(let setting)?: return openSetting(setting)
            case .field(let key)?: editor?.picker = .kind(path: [key], selected: 0)
            case nil: break
            }
            return []
        }
        editing.selected = currentChoiceIndex(editing)
        editor = editing
        return []
    }

    /// Why the draft cannot move to `destination`: it already holds Segment's most mappings.
    private func fullDestinationMessage(_ destination: String, _ editing: MappingEditorState) -> String? {
        let others = workspace.mappings.filter { $0.destination == destination && $0.name != editing.originalName }
        guard others.count >= Catalog.maximumMappingsPerDestination else { return nil }
        return "\(destination) already has \(Catalog.maximumMappingsPerDestination) mappings, "
            + "Segment's limit for one destination: remove one first"
    }

    /// A new mapping starts with every default of its action filled in, hidden ones included (see
    /// ``MappingDefaults``), and a Profiles mapping with `engage_space` set to the destination's
    /// first profile space.
    func initialFields(of action: Action, for destinationName: String) -> JSONObject {
        var fields = JSONObject()
        if let space = workspace.destination(named: destinationName)?.profileSpaces.first {
            fields[ProfileSpaceField.key] = .string(space.name)
        }
        fields.merge(MappingDefaults.newMappingFields(of: action))
        return fields
    }

    private func suggestedName(_ editing: MappingEditorState) -> String {
        let title = editorActions(editing).first { $0.key == editing.draft.action }?.title ?? editing.draft.action
        return "\(title) \(editing.draft.model)"
    }

    /// Enter in the name prompt: the name must be new in the workspace. Ending a new mapping's
    /// choices, it opens the form on the first field; on the form, it renames the draft.
    mutating func nameChosen(_ text: String) -> [Effect] {
        guard var editing = editor else { return [] }
        let name = text.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || (name != editing.originalName && name != editing.draft.name && workspace.mapping(named: name) != nil) {
            editing.message = name.isEmpty ? "a mapping needs a name" : "a mapping named \(name) already exists"
            editor = editing
            prompt = TextPrompt(purpose: .mappingName, text: text)
            return []
        }
        guard editing.step == .name else {
            guard name != editing.draft.name else { return [] }
            // A mapping in the workspace keeps its identity (and sync state) when renamed.
            var renamed = editing.draft.renamed(to: name)
            if editing.originalName == nil { renamed.id = editing.draft.id }
            return changeDraft(to: renamed, label: "name \(editing.draft.name) → \(name)")
        }
        editing.draft.name = name
        if editing.draft.id == nil { editing.draft.id = MappingConfig.newID(named: name) }
        editing.step = .form
        editing.selected = MappingSetting.allCases.count
        editor = editing
        return loadColumns(of: editing.draft.model) + testDraft()
    }

    /// Asks for the model's preview when the column picker would need it and it is not there.
    mutating func loadColumns(of model: String) -> [Effect] {
        guard models.previewModel != model, let index = workspace.models.firstIndex(where: { $0.name == model }) else {
            return []
        }
        models.selectedModel = index
        return loadSelectedPreview()
    }

    /// The workspace with the draft in place of the mapping it edits (or added).
    func workspaceWithDraft(_ editing: MappingEditorState) -> Workspace {
        var edited = workspace
        if let original = editing.originalName, let index = edited.mappings.firstIndex(where: { $0.name == original }) {
            edited.mappings[index] = editing.draft
        } else {
            edited.mappings.append(editing.draft)
        }
        return edited
    }

    mutating func testDraft() -> [Effect] {
        guard var editing = editor, editing.step == .form, !editing.draft.action.isEmpty else { return [] }
        editing.test = .loading
        editor = editing
        return [.testDraft(workspace: workspaceWithDraft(editing), mapping: editing.draft.name)]
    }

    /// Replaces the draft with `changed`, remembering the change as `label` for the form's undo,
    /// and tests the new draft.
    mutating func changeDraft(to changed: MappingConfig, label: String) -> [Effect] {
        guard var editing = editor, changed != editing.draft else { return [] }
        editing.history.record(Edit(before: editing.draft, after: changed, label: label))
        editing.draft = changed
        editing.message = nil
        editor = editing
        return testDraft()
    }

    /// `u` on the form takes the draft's last change back, Ctrl-R puts back the last one undone;
    /// either says which.
    private mutating func stepThroughDraftHistory(undoing: Bool) -> [Effect] {
        guard let edit = undoing ? editor?.history.undo() : editor?.history.redo() else {
            notice = Notice(
                undoing ? "nothing to undo in this form (Esc closes it; then u undoes workspace edits)"
                    : "nothing to redo in this form", role: .muted)
            return []
        }
        editor?.draft = undoing ? edit.before : edit.after
        notice = Notice(
            undoing ? "undone: \(edit.label) (Ctrl-R redoes)" : "redone: \(edit.label) (u undoes)", role: .muted)
        return testDraft()
    }

    /// `?`, `:` and Ctrl-Z, which work in the forms and the problems pane as on the screens; nil
    /// for any other command.
    mutating func commandOfEveryPlace(_ command: Command?) -> [Effect]? {
        switch command {
        case .toggleHelp?:
            showingHelp = true
            helpOffset = 0
            return []
        case .commandLine?:
            return openCommandLine()
        case .suspend?:
            return [.terminal(.suspend)]
        default:
            return nil
        }
    }

    /// `a` on the form: the draft goes into the workspace in memory (an edit `u` can undo, once
    /// the form is closed).
    private mutating func applyDraft() -> [Effect] {
        guard let editing = editor else { return [] }
        editor = nil
        let effects = putIntoWorkspace(editing)
        let problemCount = problems.filter { $0.subject == .mapping(editing.draft.name) }.count
        let verb = editing.originalName == nil ? "added" : "changed"
        notice = problemCount == 0
            ? Notice("\(editing.draft.name) \(verb) (w saves)", role: .success)
            : Notice(
                "\(editing.draft.name) \(verb) with \(problemCount) problem\(problemCount == 1 ? "" : "s") "
                    + "(p lists them; w asks before saving)", role: .warning)
        return effects
    }

    /// `w` on the form: the draft goes into the workspace and the workspace is saved; the form
    /// stays open on the mapping as it now is.
    mutating func saveFromForm() -> [Effect] {
        guard var editing = editor else { return [] }
        var effects: [Effect] = []
        if editing.draft != editing.openedDraft || editing.originalName == nil {
            effects = putIntoWorkspace(editing)
            editing.originalName = editing.draft.name
            editing.openedDraft = editing.draft
        }
        editor = editing
        return effects + save()
    }

    private mutating func putIntoWorkspace(_ editing: MappingEditorState) -> [Effect] {
        let added = editing.originalName == nil
        var effects = applyEdit(
            workspaceWithDraft(editing), label: "\(added ? "add" : "change") \(editing.draft.name)")
        if let index = workspace.mappings.firstIndex(where: { $0.name == editing.draft.name }) {
            overview.selectedMapping = index
            test.selectedMapping = index
            syncs.selectedMapping = index
            test.outcome = .notLoaded
        }
        effects += [.loadHistory]
        return effects
    }
}
