import BackflowCore

/// The mapping editor's keys. Lists move with ↑/↓ (j/k), Enter chooses, Esc goes back a step
/// (and closes the editor from its first step); on the form, Enter sets the selected field and
/// `a` puts the mapping into the workspace.
extension AppState {
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

    /// `e` or Enter on the overview: the selected mapping, through the same steps.
    mutating func openSelectedMapping() -> [Effect] {
        guard let mapping = workspace.mappings[safe: overview.selectedMapping] else { return [] }
        var opened = MappingEditorState(originalName: mapping.name, draft: mapping)
        opened.selected = workspace.destinations.firstIndex { $0.name == mapping.destination } ?? 0
        editor = opened
        return []
    }

    /// The choices the current step lists.
    func editorChoices(_ editing: MappingEditorState) -> [String] {
        switch editing.step {
        case .destination: return workspace.destinations.map(\.name)
        case .model: return workspace.models.map(\.name)
        case .action: return editorActions(editing).map(\.key)
        case .records: return RecordSelection.allCases.map(\.label)
        case .name: return []
        case .form: return editorFields(editing).map(\.key)
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

    mutating func handleEditorKey(_ key: Key) -> [Effect] {
        guard var editing = editor else { return [] }
        notice = nil
        if editing.confirmingDiscard { return answerDiscard(key) }
        if editing.picker != nil { return handlePickerKey(key, &editing) }
        if let step = listStep(for: key) {
            editing.selected = clamped(editing.selected, step, count: editorChoices(editing).count)
            editor = editing
            return []
        }
        switch key {
        case .escape:
            editing.message = nil
            let previous = Self.previousStep(editing.step)
            if editing.hasChanges, previous == nil || editing.step == .form {
                editing.confirmingDiscard = true
                notice = Notice(editing.discardQuestion, role: .warning)
                editor = editing
                return []
            }
            guard let previous else {
                editor = nil
                return []
            }
            editing.step = previous
            editing.selected = currentChoiceIndex(editing)
        case .enter:
            editor = editing
            return chooseInEditor()
        case .character("a") where editing.step == .form:
            editor = editing
            return applyDraft()
        case .control("c"):
            editor = editing
            return askToQuit()
        default:
            break
        }
        editor = editing
        return []
    }

    /// The answer to "drop your changes?": `y` closes the editor, the draft with it; on the form `b`
    /// goes back to the steps before it (destination … name) keeping the draft; any other key goes
    /// back to the draft where it was.
    private mutating func answerDiscard(_ key: Key) -> [Effect] {
        guard var editing = editor else { return [] }
        editing.confirmingDiscard = false
        switch key {
        case .character("y"):
            editor = nil
            notice = Notice("changes to \(editing.originalName ?? "the new mapping") dropped", role: .muted)
            return []
        case .character("b") where editing.step == .form:
            editing.step = .name
            editing.selected = 0
        default:
            notice = Notice("still editing", role: .muted)
        }
        editor = editing
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
            let others = workspace.mappings.filter {
                $0.destination == destination.name && $0.name != editing.originalName
            }
            guard others.count < Catalog.maximumMappingsPerDestination else {
                editing.message = "\(destination.name) already has \(Catalog.maximumMappingsPerDestination) mappings, "
                    + "Segment's limit for one destination: remove one first"
                editor = editing
                return []
            }
            if destination.name != editing.draft.destination {
                leaveFields(of: &editing)
                editing.draft.destination = destination.name
                editing.draft.action = ""
                editing.draft.fields = JSONObject()
            }
            editing.step = .model
        case .model:
            guard let model = workspace.models[safe: editing.selected] else { return [] }
            editing.draft.model = model.name
            editing.step = .action
        case .action:
            guard let action = editorActions(editing)[safe: editing.selected] else { return [] }
            if action.key != editing.draft.action {
                leaveFields(of: &editing)
                editing.draft.action = action.key
                let key = ActionKey(destination: editing.draft.destination, action: action.key)
                editing.draft.fields = editing.fieldsLeftBehind.removeValue(forKey: key)
                    ?? initialFields(of: action, for: editing.draft.destination)
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
            guard let field = editorFields(editing)[safe: editing.selected] else { return [] }
            editing.picker = .kind(path: [field.key], selected: 0)
            editor = editing
            return []
        }
        editing.selected = currentChoiceIndex(editing)
        editor = editing
        return []
    }

    /// Keeps the draft's fields for its current action, to bring back if the user chooses it again,
    /// and says so: a change of action or destination never loses them silently.
    private mutating func leaveFields(of editing: inout MappingEditorState) {
        guard !editing.draft.action.isEmpty, !editing.draft.fields.isEmpty else { return }
        let key = ActionKey(destination: editing.draft.destination, action: editing.draft.action)
        editing.fieldsLeftBehind[key] = editing.draft.fields
        notice = Notice(
            "the fields set for \(editing.draft.action) are kept: choosing it again brings them back", role: .muted)
    }

    /// A new mapping starts with every default of its action filled in, hidden ones included (see
    /// ``MappingDefaults``), and a Profiles mapping with `engage_space` set to the destination's
    /// first profile space.
    private func initialFields(of action: Action, for destinationName: String) -> JSONObject {
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

    /// Enter in the name prompt: the name must be new in the workspace; then the form opens and
    /// the model's preview (for the column picker) and a first test are asked for.
    mutating func nameChosen(_ text: String) -> [Effect] {
        guard var editing = editor else { return [] }
        let name = text.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || (name != editing.originalName && workspace.mapping(named: name) != nil) {
            editing.message = name.isEmpty ? "a mapping needs a name" : "a mapping named \(name) already exists"
            editor = editing
            prompt = TextPrompt(purpose: .mappingName, text: text)
            return []
        }
        // A new mapping gets its id with its first name; a renamed one keeps its identity (and state).
        if editing.originalName == nil {
            editing.draft.name = name
            if editing.draft.id == nil { editing.draft.id = MappingConfig.newID(named: name) }
        } else {
            editing.draft = editing.draft.renamed(to: name)
        }
        editing.step = .form
        editing.selected = 0
        editor = editing
        var effects: [Effect] = []
        if models.previewModel != editing.draft.model,
            let index = workspace.models.firstIndex(where: { $0.name == editing.draft.model })
        {
            models.selectedModel = index
            effects += loadSelectedPreview()
        }
        return effects + testDraft()
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
        guard var editing = editor, editing.step == .form else { return [] }
        editing.test = .loading
        editor = editing
        return [.testDraft(workspace: workspaceWithDraft(editing), mapping: editing.draft.name)]
    }

    /// `a` on the form: the draft goes into the workspace in memory (an edit `u` can undo).
    private mutating func applyDraft() -> [Effect] {
        guard let editing = editor else { return [] }
        let added = editing.originalName == nil
        editor = nil
        var effects = applyEdit(
            workspaceWithDraft(editing), label: "\(added ? "add" : "change") \(editing.draft.name)")
        if let index = workspace.mappings.firstIndex(where: { $0.name == editing.draft.name }) {
            overview.selectedMapping = index
            test.selectedMapping = index
            syncs.selectedMapping = index
            test.outcome = .notLoaded
        }
        notice = Notice("\(editing.draft.name) \(added ? "added" : "changed") (w saves)", role: .success)
        effects += [.loadHistory]
        return effects
    }
}
