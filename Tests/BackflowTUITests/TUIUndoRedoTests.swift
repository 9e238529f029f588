import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// Undo and redo of workspace edits: named, redoable, and never past a save without a question.
@Suite("TUI undo and redo")
struct TUIUndoRedoTests {
    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    @Test func undoSaysWhatItUndid() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" "), .character("u")], on: &state)
        #expect(state.workspace.mappings[0].enabled)
        #expect(state.notice?.text == "undone: disable Identify users (Ctrl-R redoes)")
    }

    @Test func ctrlRRedoesTheLastUndoneEditAndSaysWhich() throws {
        var state = try TUIFixture.state()
        _ = press([.character("c"), .character("u")], on: &state)
        let effects = press([.control("r")], on: &state)
        #expect(state.workspace.mappings[1].name == "Identify users copy")
        #expect(effects == [.useWorkspace(state.workspace)])
        #expect(state.notice?.text == "redone: copy Identify users as Identify users copy (u undoes)")
    }

    @Test func aNewEditAfterAnUndoLeavesNothingToRedo() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" "), .character("u"), .down, .character(" "), .control("r")], on: &state)
        #expect(state.notice?.text == "nothing to redo")
        #expect(state.workspace.mappings[0].enabled)
        #expect(!state.workspace.mappings[1].enabled)
    }

    @Test func undoingAnEditTheFileHoldsAsksFirstAndChangesNothingYet() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" ")], on: &state)
        _ = state.update(.saved(state.workspace))
        let effects = press([.character("u")], on: &state)
        #expect(effects.isEmpty)
        #expect(state.confirmation == .undoSavedEdit("disable Identify users"))
        #expect(state.workspace.mappings[0].enabled == false)
        #expect(state.notice?.text.hasPrefix("Undo \"disable Identify users\"? It is saved in the file") == true)
    }

    @Test func yesUndoesTheSavedEditAndLeavesTheFileToTheNextSave() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" ")], on: &state)
        _ = state.update(.saved(state.workspace))
        _ = press([.character("u"), .character("y")], on: &state)
        #expect(state.workspace.mappings[0].enabled)
        #expect(state.hasUnsavedChanges)
    }

    @Test func anyOtherKeyKeepsTheSavedEdit() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" ")], on: &state)
        _ = state.update(.saved(state.workspace))
        _ = press([.character("u"), .character("n")], on: &state)
        #expect(state.workspace.mappings[0].enabled == false)
        #expect(!state.hasUnsavedChanges)
    }

    @Test func undoBeforeASaveAsksOnlyAtTheSavePoint() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" ")], on: &state)
        _ = state.update(.saved(state.workspace))
        _ = press([.down, .character(" "), .character("u")], on: &state)
        #expect(state.confirmation == nil)
        #expect(state.notice?.text == "undone: disable Track orders (Ctrl-R redoes)")
        _ = press([.character("u")], on: &state)
        #expect(state.confirmation == .undoSavedEdit("disable Identify users"))
    }

    @Test func redoingBackToTheSavedFileLeavesNothingUnsaved() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" ")], on: &state)
        _ = state.update(.saved(state.workspace))
        _ = press([.character("u"), .character("y"), .control("r")], on: &state)
        #expect(!state.hasUnsavedChanges)
    }
}
