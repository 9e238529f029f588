import BackflowCore

/// The mapping form's live preview as a payload pane: `o` gives it the keys, and it then scrolls,
/// searches, wraps, copies and pages as Test Mapping's message pane does, whichever screen the form
/// was opened over. `o`, Esc or Enter give the keys back to the rows.
extension AppState {
    /// The preview's viewer (a fresh one while no form is open): a key path the payload commands use.
    var formPreviewViewer: PayloadViewerState {
        get { editor?.previewViewer ?? PayloadViewerState() }
        set { editor?.previewViewer = newValue }
    }

    /// The preview's document and the area its lines are drawn in, while the form is open.
    var formPreviewPayload: (document: PayloadDocument, pane: Rect)? {
        guard let editing = editor, editing.step == .form else { return nil }
        let preview = MappingEditorView.formParts(editing, in: MappingEditorView.body(editing, in: body)).preview
        return (MappingEditorView.previewDocument(editing.test), PayloadView.contentArea(of: preview))
    }

    /// A key while the preview has the keys; nil for a key the form takes as it does from its rows
    /// (`w`, `u`, `?`, `:`, the settings' own keys).
    mutating func handleFormPreviewKey(_ key: Key) -> [Effect]? {
        switch Keymap.form.command(for: key, on: screen) {
        case .switchPanel?, .back?, .select?:
            editor?.previewFocused = false
            return []
        default:
            break
        }
        // The payload keys are bound on the screens with payload panes: Test Mapping's stand for them.
        guard let command = keymap.command(for: key, on: .testMapping, pane: .payload), command.actsOnPayload else {
            return nil
        }
        return payloadCommand(command)
    }

    /// `o` on the form's rows: the preview takes the keys.
    mutating func focusFormPreview() -> [Effect] {
        editor?.previewFocused = true
        return []
    }
}
