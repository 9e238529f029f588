import BackflowCore

/// Type-to-filter in a pop-up list (a new mapping's steps, the pickers over the mapping and
/// destination forms), as fzf, k9s and lazygit's menus do. Until typing starts the movement keys
/// move (`j`/`k`/`g`/`G` among them); `/` or any other printable key starts the filter, after which
/// every printable key is text, ↑/↓/PgUp/PgDn move among the rows still shown, Enter chooses and
/// Esc clears the filter before it closes the list.
public struct PopupFilter: Sendable, Equatable {
    /// The list the filter was typed in: a filter never narrows a list it was not typed in.
    public var list: PopupList.ID
    /// The filter's text, edited with the prompts' readline keys.
    public var line: TextPrompt

    init(list: PopupList.ID, text: String) {
        self.list = list
        self.line = TextPrompt(purpose: .popupFilter, text: text)
    }

    /// Whether a row labelled `label` is shown: it contains the text, ignoring case. A row with no
    /// label (such as "add a key") is always shown.
    func shows(_ label: String?) -> Bool {
        guard let label else { return true }
        return line.text.isEmpty || label.lowercased().contains(line.text.lowercased())
    }
}

/// A pop-up list as the filter sees it: which list it is, the text each row is matched by, and the
/// row under the cursor (an index into the whole list).
public struct PopupList: Sendable, Equatable {
    /// Which list this is: the step or picker and what it sets, so that a filter typed in the
    /// column list of one field is not applied to the column list of the next.
    public struct ID: Sendable, Hashable {
        let name: String
    }

    var id: ID
    /// The text each row is matched by; nil for a row that is always shown.
    var labels: [String?]
    var selected: Int
}

extension AppState {
    /// The pop-up list open over the editor now, if any.
    func openPopupList() -> PopupList? {
        if let editing = destinationEditor, let picker = editing.picker {
            switch picker {
            case .type(let selected):
                return PopupList(id: .init(name: "destination type"), labels: DestinationKind.allCases.map(\.rawValue),
                    selected: selected)
            case .region(let selected):
                return PopupList(id: .init(name: "destination region"), labels: regionChoices(editing.draft).map(\.label),
                    selected: selected)
            }
        }
        guard let editing = editor, !editing.confirmingDiscard, editing.pendingChange == nil else { return nil }
        switch editing.picker {
        case .kind(let path, let selected)?:
            return PopupList(id: .init(name: "kind \(path)"), labels: ValueKind.allCases.map(\.rawValue), selected: selected)
        case .column(let path, let selected)?:
            return PopupList(id: .init(name: "column \(path)"), labels: editorColumns.map { "\($0.name) \($0.type)" },
                selected: selected)
        case .objectKeys(let field, let selected)?:
            return PopupList(id: .init(name: "keys \(field)"), labels: objectKeyRows(field) + [nil], selected: selected)
        case .setting(let setting, let selected)?:
            return PopupList(id: .init(name: "setting \(setting)"), labels: settingChoices(setting), selected: selected)
        case nil:
            guard editing.step != .form, editing.step != .name else { return nil }
            return PopupList(id: .init(name: "step \(editing.step)"), labels: editorChoices(editing), selected: editing.selected)
        }
    }

    /// The filter typed in the open pop-up list; nil when it has none.
    var activePopupFilter: PopupFilter? {
        guard let filter = popupFilter, let list = openPopupList(), filter.list == list.id else { return nil }
        return filter
    }

    /// The rows of the open pop-up list that its filter shows (indexes into the whole list): every
    /// row when there is no filter.
    public func visiblePopupRows() -> [Int] {
        guard let list = openPopupList() else { return [] }
        guard let filter = activePopupFilter else { return Array(list.labels.indices) }
        return list.labels.indices.filter { filter.shows(list.labels[$0]) }
    }

    /// Takes `key` when it belongs to the open pop-up list's filter: starting it, typing in it,
    /// moving among the rows it shows, clearing it. Nil for a key the list's own handler takes
    /// (Enter comes through here too, to end the filter, and then goes on to choose).
    mutating func handlePopupFilterKey(_ key: Key) -> [Effect]? {
        guard let list = openPopupList() else { return nil }
        let command = Keymap.popupList.command(for: key, on: screen)
        guard var filter = activePopupFilter else {
            guard let first = command == .filter ? "" : Self.filterStart(key, picker: editor?.picker) else { return nil }
            popupFilter = PopupFilter(list: list.id, text: first)
            selectPopupRow(moving: 0)
            return []
        }
        switch command {
        case .back?:
            popupFilter = nil
            return []
        case .select?:
            // Nothing matches: Enter chooses nothing and the filter stays to be corrected.
            guard visiblePopupRows().contains(list.selected) else { return [] }
            popupFilter = nil
            return nil
        default: break
        }
        switch key {
        case .up, .down, .pageUp, .pageDown:
            selectPopupRow(moving: listStep(for: key) ?? 0)
            return []
        case .backspace where filter.line.text.isEmpty:
            popupFilter = nil
            return []
        default:
            guard filter.line.edit(key) else { return [] }
            popupFilter = filter
            selectPopupRow(moving: 0)
            return []
        }
    }

    /// The text a key starts a filter with: the character itself for a printable key that is not
    /// one of the list's own keys (movement, `?`, `:`, `d` in an object's keys), a paste whole.
    private static func filterStart(_ key: Key, picker: FieldPicker?) -> String? {
        switch key {
        case .paste(let text): return TextPrompt.oneLine(text)
        case .character(let character):
            let ownKeys: Set<Character> = ["j", "k", "g", "G", "?", ":", " "]
            if ownKeys.contains(character) || character.isNewline || character.asciiValue.map({ $0 < 32 }) == true { return nil }
            if character == "d", case .objectKeys? = picker { return nil }
            return String(character)
        default:
            return nil
        }
    }

    /// Moves the open list's cursor `step` rows among the rows its filter shows; onto the first
    /// shown row when the cursor's row was filtered out.
    private mutating func selectPopupRow(moving step: Int) {
        guard let list = openPopupList() else { return }
        let selected = moved(list.selected, by: step, among: visiblePopupRows())
        if var editing = destinationEditor, let picker = editing.picker {
            switch picker {
            case .type: editing.picker = .type(selected: selected)
            case .region: editing.picker = .region(selected: selected)
            }
            destinationEditor = editing
        } else if var editing = editor {
            if let picker = editing.picker {
                editing.picker = picker.moved(selected - list.selected, count: list.labels.count)
            } else {
                editing.selected = selected
            }
            editor = editing
        }
    }
}
