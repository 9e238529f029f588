import BackflowCore

/// Edits of the workspace in memory, undo, saving, and leaving with unsaved changes.
extension AppState {
    /// The question shown while quitting with unsaved changes.
    static let quitQuestion = "Unsaved changes: s save and quit, d discard and quit, Esc cancel"

    /// Replaces the workspace with `edited`, remembering the edit as `label` for undo. Every edit
    /// goes through here, so the effect runner always works on what the user sees.
    mutating func applyEdit(_ edited: Workspace, label: String) -> [Effect] {
        guard edited != workspace else { return [] }
        history.record(WorkspaceEdit(before: workspace, after: edited, label: label))
        return use(edited)
    }

    /// `u`: takes back the last edit and says which. An edit the file already holds is undone only
    /// after a question, so undo never silently moves the editor away from what was saved.
    mutating func undo() -> [Effect] {
        guard let edit = history.nextUndo else {
            notice = Notice("nothing to undo", role: .muted)
            return []
        }
        if !hasUnsavedChanges {
            ask(.undoSavedEdit(edit.label))
            return []
        }
        return undoConfirmed()
    }

    /// Undoes the last edit, the question about a saved one answered.
    mutating func undoConfirmed() -> [Effect] {
        guard let edit = history.undo() else { return [] }
        let effects = use(edit.before)
        notice = Notice("undone: \(edit.label) (Ctrl-R redoes)", role: .muted)
        return effects
    }

    /// Ctrl-R: puts back the last edit undone.
    mutating func redo() -> [Effect] {
        guard let edit = history.redo() else {
            notice = Notice("nothing to redo", role: .muted)
            return []
        }
        let effects = use(edit.after)
        notice = Notice("redone: \(edit.label) (u undoes)", role: .muted)
        return effects
    }

    /// Shows `changed`, finds its problems and has the effect runner use it.
    private mutating func use(_ changed: Workspace) -> [Effect] {
        workspace = changed
        clampSelections()
        recheckProblems()
        return [.useWorkspace(workspace)]
    }

    /// `w`: writes the workspace, after asking when it has problems (or leaves out parts of the
    /// file the editor could not read), so a file that will not load is never written silently.
    mutating func save() -> [Effect] {
        guard hasUnsavedChanges || !leftOutBySaving.isEmpty else {
            notice = Notice("no changes to save", role: .muted)
            quitAfterSave = false
            return []
        }
        if let summary = saveProblemSummary {
            ask(.saveWithProblems(summary))
            return []
        }
        return writeFile()
    }

    /// Writes the workspace, the questions answered.
    mutating func writeFile() -> [Effect] {
        notice = Notice("saving…", role: .muted)
        return [.save(workspace)]
    }

    mutating func askToQuit() -> [Effect] {
        if editor?.hasChanges == true || destinationEditor?.hasChanges == true {
            notice = Notice(
                "The open form has changes the workspace does not hold yet: a puts them in (w saves them), "
                    + "Esc drops them; then quit", role: .warning)
        } else if syncs.isSyncing {
            ask(.quitDuringSync)
        } else if hasUnsavedChanges {
            confirmingQuit = true
            notice = Notice(Self.quitQuestion, role: .warning)
        } else {
            shouldQuit = true
        }
        return []
    }

    /// The answer to quitting during a sync: wait for it, stop it, or keep it running.
    mutating func answerQuitDuringSync(_ key: Key) -> [Effect] {
        guard syncs.isSyncing else { return askToQuit() }
        switch key {
        case .character("w"):
            quitAfterSync = .user
            notice = Notice("quitting once the sync ends (q again to stop it instead)", role: .muted)
            return []
        case .character("s"):
            return stopSyncToQuit(.user)
        default:
            notice = Notice("the sync keeps running", role: .muted)
            return []
        }
    }

    /// Stops the running sync and quits once it has recorded its run, so that the run keeps the
    /// count of what it delivered.
    mutating func stopSyncToQuit(_ request: QuitRequest) -> [Effect] {
        quitAfterSync = request
        notice = Notice("stopping the sync: settling the batches in flight…", role: .muted)
        return [.stopSync]
    }

    /// `s` (or `w`, Ctrl-S) saves then quits, `d` quits without saving, Esc (or any other key) stays.
    mutating func answerQuit(_ key: Key) -> [Effect] {
        confirmingQuit = false
        switch key {
        case .character("s"), .character("w"), .control("s"):
            quitAfterSave = true
            return save()
        case .character("d"):
            shouldQuit = true
        default:
            notice = Notice("still editing", role: .muted)
        }
        return []
    }

    /// Space on the overview: the selected mapping, or destination, on or off.
    mutating func toggleEnabled() -> [Effect] {
        var edited = workspace
        let label: String
        switch overview.panel {
        case .mappings:
            guard edited.mappings.indices.contains(overview.selectedMapping) else { return [] }
            edited.mappings[overview.selectedMapping].enabled.toggle()
            let mapping = edited.mappings[overview.selectedMapping]
            label = "\(mapping.enabled ? "enable" : "disable") \(mapping.name)"
            notice = Notice("\(mapping.name) \(mapping.enabled ? "enabled" : "disabled") (w saves)", role: .muted)
        case .destinations:
            guard edited.destinations.indices.contains(overview.selectedDestination) else { return [] }
            edited.destinations[overview.selectedDestination].enabled.toggle()
            let destination = edited.destinations[overview.selectedDestination]
            label = "\(destination.enabled ? "enable" : "disable") destination \(destination.name)"
            notice = Notice(
                "\(destination.name) \(destination.enabled ? "enabled" : "disabled") (w saves)", role: .muted)
        }
        return applyEdit(edited, label: label)
    }

    /// Keeps every list's selection inside the list after mappings come or go.
    private mutating func clampSelections() {
        let mappings = max(0, workspace.mappings.count - 1)
        overview.selectedMapping = min(overview.selectedMapping, mappings)
        test.selectedMapping = min(test.selectedMapping, mappings)
        syncs.selectedMapping = min(syncs.selectedMapping, mappings)
        overview.selectedDestination = min(overview.selectedDestination, max(0, workspace.destinations.count - 1))
    }
}
