import BackflowCore

/// Editing and adding destinations and their Profile Spaces from the overview's destination list.
/// Write keys are named by their environment variable only: a value that looks like a key itself
/// is refused and never kept.
extension AppState {
    /// `e` (or Enter) on a destination.
    mutating func openDestination(_ destination: DestinationConfig) -> [Effect] {
        destinationEditor = DestinationEditorState(originalName: destination.name, draft: destination)
        return []
    }

    /// `n` in the destination list: a Segment Connections destination, named but not yet complete.
    mutating func openNewDestination() -> [Effect] {
        var name = "New destination"
        var number = 2
        while workspace.destination(named: name) != nil {
            name = "New destination \(number)"
            number += 1
        }
        destinationEditor = DestinationEditorState(
            originalName: nil, draft: DestinationConfig(name: name, type: DestinationConfig.connectionsType))
        return []
    }

    mutating func handleDestinationKey(_ key: Key) -> [Effect] {
        guard var editing = destinationEditor else { return [] }
        notice = nil
        if editing.confirmingDiscard {
            editing.confirmingDiscard = false
            destinationEditor = key == .character("y") ? nil : editing
            notice = Notice(key == .character("y") ? "changes dropped" : "still editing", role: .muted)
            return []
        }
        if let effects = handlePopupFilterKey(key) { return effects }
        if let picker = destinationEditor?.picker { return handleDestinationPickerKey(key, picker) }
        if let step = listStep(for: key) {
            editing.selected = clamped(editing.selected, step, count: editing.rows.count)
            destinationEditor = editing
            return []
        }
        let command = keymap.command(for: key, on: screen)
        if let effects = commandOfEveryPlace(command) { return effects }
        if command == .save { return saveFromDestinationForm() }
        switch Keymap.form.command(for: key, on: screen) {
        case .select?: return chooseDestinationRow()
        case .applyDraft?: return applyDestination(keepingFormOpen: false)
        case .removeSelected?: return removeSelectedSpace()
        case .back?:
            if editing.hasChanges {
                editing.confirmingDiscard = true
                destinationEditor = editing
                notice = Notice(
                    "Drop your changes to \(editing.originalName ?? "the new destination")? y drops them, "
                        + "any other key keeps editing", role: .warning)
            } else {
                destinationEditor = nil
            }
            return []
        default:
            return key == .control("c") ? askToQuit() : []
        }
    }

    /// The region list: the type's default, then each region of the catalog.
    func regionChoices(_ draft: DestinationConfig) -> [(label: String, key: String?)] {
        let regions = draft.catalogEntry?.regions ?? []
        let fallback = draft.catalogEntry.map { " (\($0.defaultRegion))" } ?? ""
        return [("the type's default" + fallback, nil)] + regions.map { ("\($0.key) (\($0.label))", $0.key) }
    }

    private mutating func handleDestinationPickerKey(_ key: Key, _ picker: DestinationPicker) -> [Effect] {
        guard var editing = destinationEditor else { return [] }
        let count: Int
        switch picker {
        case .type: count = DestinationKind.allCases.count
        case .region: count = regionChoices(editing.draft).count
        }
        if let step = listStep(for: key) {
            switch picker {
            case .type(let selected): editing.picker = .type(selected: clamped(selected, step, count: count))
            case .region(let selected): editing.picker = .region(selected: clamped(selected, step, count: count))
            }
        } else if key == .escape {
            editing.picker = nil
        } else if key == .enter {
            editing.picker = nil
            switch picker {
            case .type(let selected):
                let type = DestinationKind.allCases[safe: selected]?.rawValue ?? editing.draft.type
                if type != editing.draft.type {
                    editing.draft.type = type
                    editing.draft.region = nil
                    editing.draft.writeKey = nil
                    editing.draft.profileSpaces = []
                }
            case .region(let selected):
                editing.draft.region = regionChoices(editing.draft)[safe: selected]?.key
            }
        }
        destinationEditor = editing
        return []
    }

    /// Enter on a row: a prompt for text, a list for the type and region; `enabled` flips.
    private mutating func chooseDestinationRow() -> [Effect] {
        guard var editing = destinationEditor, let row = editing.rows[safe: editing.selected] else { return [] }
        editing.message = nil
        let draft = editing.draft
        switch row {
        case .name: prompt = TextPrompt(purpose: .destinationValue(.name), text: draft.name)
        case .endpoint: prompt = TextPrompt(purpose: .destinationValue(.endpoint), text: draft.endpoint ?? "")
        case .writeKey:
            prompt = TextPrompt(purpose: .destinationValue(.writeKey), text: draft.writeKey?.variableName ?? "")
        case .spaceName(let index):
            prompt = TextPrompt(purpose: .destinationValue(row), text: draft.profileSpaces[safe: index]?.name ?? "")
        case .spaceWriteKey(let index):
            let variable = draft.profileSpaces[safe: index]?.writeKey.variableName ?? ""
            prompt = TextPrompt(purpose: .destinationValue(row), text: variable)
        case .addSpace: prompt = TextPrompt(purpose: .destinationValue(.addSpace))
        case .enabled: editing.draft.enabled.toggle()
        case .type:
            guard editing.originalName == nil else {
                editing.message = "a destination's type cannot change under its mappings: add a new destination instead"
                break
            }
            editing.picker = .type(selected: DestinationKind.allCases.firstIndex { $0.rawValue == draft.type } ?? 0)
        case .region:
            editing.picker = .region(selected: regionChoices(draft).firstIndex { $0.key == draft.region } ?? 0)
        }
        destinationEditor = editing
        return []
    }

    /// Enter in one of the destination form's prompts.
    mutating func destinationValueEntered(_ row: DestinationRow, text: String) -> [Effect] {
        guard var editing = destinationEditor else { return [] }
        let value = text.trimmingCharacters(in: .whitespaces)
        editing.message = nil
        switch row {
        case .name:
            if value.isEmpty || (value != editing.originalName && workspace.destination(named: value) != nil) {
                editing.message = value.isEmpty ? "a destination needs a name" : "a destination named \(value) already exists"
            } else {
                editing.draft.name = value
            }
        case .endpoint:
            if value.isEmpty || value.hasPrefix("http://") || value.hasPrefix("https://") {
                editing.draft.endpoint = value.isEmpty ? nil : value
            } else {
                editing.message = "an endpoint is an http:// or https:// URL"
            }
        case .writeKey, .spaceWriteKey:
            guard EnvironmentVariableName.isPlausible(value) else {
                // The text is dropped, never kept: it may be the key itself.
                editing.message = "type the NAME of the environment variable that holds the write key "
                    + "(such as SEGMENT_WRITE_KEY); what was typed is not a variable name and was not kept"
                break
            }
            if case .spaceWriteKey(let index) = row, editing.draft.profileSpaces.indices.contains(index) {
                editing.draft.profileSpaces[index].writeKey = .environment(value)
            } else {
                editing.draft.writeKey = .environment(value)
            }
        case .spaceName(let index):
            if value.isEmpty || editing.draft.profileSpaces.contains(where: { $0.name == value }) {
                editing.message = value.isEmpty ? "a profile space needs a name" : "there is already a space named \(value)"
            } else if editing.draft.profileSpaces.indices.contains(index) {
                editing.draft.profileSpaces[index].name = value
            }
        case .addSpace:
            if value.isEmpty || editing.draft.profileSpaces.contains(where: { $0.name == value }) {
                editing.message = value.isEmpty ? "a profile space needs a name" : "there is already a space named \(value)"
            } else {
                editing.draft.profileSpaces.append(ProfileSpaceConfig(name: value, writeKey: .environment("")))
                editing.spaceOrigins.append(nil)
                let index = editing.draft.profileSpaces.count - 1
                editing.selected = editing.rows.firstIndex(of: .spaceWriteKey(index)) ?? editing.selected
                prompt = TextPrompt(purpose: .destinationValue(.spaceWriteKey(index)))
            }
        case .type, .enabled, .region:
            break
        }
        destinationEditor = editing
        return []
    }

    /// `x` on a profile space's rows: the space leaves the draft, unless it is the destination's
    /// last (a Profiles destination needs one) or a mapping sends to it (its `engage_space` would
    /// name a space that is gone). The change is the draft's: Esc drops it, `a` or `w` keeps it.
    private mutating func removeSelectedSpace() -> [Effect] {
        guard var editing = destinationEditor else { return [] }
        editing.message = nil
        guard let index = editing.selectedSpace, let space = editing.draft.profileSpaces[safe: index] else {
            editing.message = "x removes a profile space: select one of its rows first"
            destinationEditor = editing
            return []
        }
        let origin = editing.spaceOrigins[safe: index] ?? nil
        let users = workspace.mappings.filter { mapping in
            mapping.destination == editing.originalName && origin != nil
                && mapping.fields[ProfileSpaceField.key] == .string(origin ?? "")
        }.map(\.name)
        if editing.draft.profileSpaces.count == 1 {
            editing.message = "\(space.name) is the destination's only profile space: add another before removing it"
        } else if !users.isEmpty {
            editing.message = "\(space.name) is the profile space of \(users.joined(separator: ", ")): "
                + "choose another space in \(users.count == 1 ? "that mapping" : "those mappings") first"
        } else {
            editing.draft.profileSpaces.remove(at: index)
            editing.spaceOrigins.remove(at: index)
            editing.selected = min(editing.selected, editing.rows.count - 1)
            notice = Notice("profile space \(space.name) removed from the draft (a applies, Esc drops)", role: .muted)
        }
        destinationEditor = editing
        return []
    }

    /// `w` on the destination form: the draft goes into the workspace, which is saved.
    mutating func saveFromDestinationForm() -> [Effect] {
        applyDestination(keepingFormOpen: true) + save()
    }

    /// `a`: the destination goes into the workspace. A rename carries over to its mappings, and a
    /// renamed profile space to the mappings that name it in `engage_space`.
    private mutating func applyDestination(keepingFormOpen: Bool) -> [Effect] {
        guard var editing = destinationEditor else { return [] }
        var edited = workspace
        let draft = editing.draft
        if let original = editing.originalName, let index = edited.destinations.firstIndex(where: { $0.name == original }) {
            edited.destinations[index] = draft
            let renamedSpaces = editing.renamedSpaces
            for mappingIndex in edited.mappings.indices where edited.mappings[mappingIndex].destination == original {
                edited.mappings[mappingIndex].destination = draft.name
                let space = edited.mappings[mappingIndex].fields[ProfileSpaceField.key]
                if let renamed = renamedSpaces.first(where: { space == .string($0.old) }) {
                    edited.mappings[mappingIndex].fields[ProfileSpaceField.key] = .string(renamed.new)
                }
            }
        } else {
            edited.destinations.append(draft)
        }
        let added = editing.originalName == nil
        let effects = applyEdit(edited, label: "\(added ? "add" : "change") destination \(draft.name)")
        overview.selectedDestination = workspace.destinations.firstIndex { $0.name == draft.name } ?? 0
        editing.originalName = draft.name
        editing.openedDraft = draft
        editing.spaceOrigins = draft.profileSpaces.map(\.name)
        destinationEditor = keepingFormOpen ? editing : nil
        let count = problems.filter { $0.subject == .destination(draft.name) }.count
        notice = count == 0
            ? Notice("destination \(draft.name) \(added ? "added" : "changed") (w saves)", role: .success)
            : Notice(
                "destination \(draft.name) \(added ? "added" : "changed") with \(count) problem\(count == 1 ? "" : "s") "
                    + "(p lists them)", role: .warning)
        return effects
    }
}
