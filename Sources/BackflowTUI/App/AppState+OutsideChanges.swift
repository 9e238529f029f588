import BackflowCore

/// The workspace file changed outside the editor: nothing overwrites it until the user has chosen
/// to reload it, to read the diff, or (when saving) to overwrite it with the editor's version.
extension AppState {
    /// A change found by the watch or by a save: asked about at once, unless another question is open
    /// (a save asks again in any case, as it finds the change itself).
    mutating func fileChangedOutside(whileSaving saving: Bool) -> [Effect] {
        guard confirmation == nil, !confirmingQuit, prompt == nil else {
            notice = Notice(Confirmation.fileChangedOutside(whileSaving: saving).question, role: .warning)
            return []
        }
        ask(.fileChangedOutside(whileSaving: saving))
        return []
    }

    /// `r` reloads the file, `d` shows the diff in the pager and asks again, `o` (when saving)
    /// writes the editor's version over it; any other key keeps both as they are.
    mutating func answerOutsideChange(_ key: Key, whileSaving saving: Bool) -> [Effect] {
        switch key {
        case .character("r"):
            abandonPendingSave()
            return [.reloadWorkspace]
        case .character("d"):
            ask(.fileChangedOutside(whileSaving: saving))
            return [.diffWorkspaceFile(workspace)]
        case .character("o") where saving:
            return [.save(workspace, overwritingOutsideChanges: true)]
        default:
            abandonPendingSave()
            notice = Notice("kept your version; the file is left as it is (w asks again)", role: .muted)
            return []
        }
    }

    /// The file read again: taken in as an edit, so `u` brings the editor's version back.
    mutating func reloaded(_ loaded: Workspace) -> [Effect] {
        let effects = applyEdit(loaded, label: "reload \(workspacePath)")
        savedWorkspace = loaded
        notice = Notice("reloaded \(workspacePath) (u takes your version back)", role: .success)
        return effects
    }

    /// A save (and the quit or sync waiting on it) that will not happen after all.
    private mutating func abandonPendingSave() {
        quitAfterSave = false
        syncAfterSave = nil
    }
}
