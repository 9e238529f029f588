import Foundation
import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// Edits in memory, undo, saving and quitting with unsaved changes, through the pure update.
@Suite("TUI saving")
struct TUISavingTests {
    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    @Test func spaceTogglesTheSelectedMappingAndMarksTheWorkspaceUnsaved() throws {
        var state = try TUIFixture.state()
        let effects = press([.character(" ")], on: &state)
        #expect(state.workspace.mappings[0].enabled == false)
        #expect(state.hasUnsavedChanges)
        #expect(effects == [.useWorkspace(state.workspace)])
    }

    @Test func spaceOnTheDestinationsPanelTogglesTheDestination() throws {
        var state = try TUIFixture.state()
        _ = press([.character("o"), .character(" ")], on: &state)
        #expect(state.workspace.destinations[0].enabled == false)
        #expect(state.workspace.mappings[0].enabled)
    }

    @Test func undoTakesBackTheLastEditAndLeavesNothingUnsaved() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" "), .down, .character(" ")], on: &state)
        _ = press([.character("u")], on: &state)
        #expect(state.workspace.mappings[1].enabled)
        #expect(state.workspace.mappings[0].enabled == false)
        _ = press([.character("u")], on: &state)
        #expect(!state.hasUnsavedChanges)
        _ = press([.character("u")], on: &state)
        #expect(state.notice?.text == "nothing to undo")
    }

    @Test func wAndCtrlSAskToSaveTheWorkspaceInMemory() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" ")], on: &state)
        #expect(press([.character("w")], on: &state) == [.save(state.workspace)])
        #expect(press([.control("s")], on: &state) == [.save(state.workspace)])
    }

    @Test func savingWithoutChangesSaysSoAndWritesNothing() throws {
        var state = try TUIFixture.state()
        #expect(press([.character("w")], on: &state).isEmpty)
        #expect(state.notice?.text == "no changes to save")
    }

    @Test func aFinishedSaveClearsTheUnsavedMark() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" ")], on: &state)
        _ = state.update(.saved(state.workspace))
        #expect(!state.hasUnsavedChanges)
    }

    @Test func quittingWithoutChangesQuitsAtOnce() throws {
        var state = try TUIFixture.state()
        _ = press([.character("q")], on: &state)
        #expect(state.shouldQuit)
    }

    @Test func quittingWithUnsavedChangesAsksFirstAndEscStays() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" "), .character("q")], on: &state)
        #expect(!state.shouldQuit)
        #expect(state.confirmingQuit)
        #expect(state.notice?.text == AppState.quitQuestion)
        _ = press([.escape], on: &state)
        #expect(!state.shouldQuit && !state.confirmingQuit && state.hasUnsavedChanges)
    }

    @Test func discardQuitsWithoutSaving() throws {
        var state = try TUIFixture.state()
        let effects = press([.character(" "), .character("q"), .character("d")], on: &state)
        #expect(state.shouldQuit)
        #expect(!effects.contains(.save(state.workspace)))
    }

    @Test func saveAndQuitQuitsOnlyOnceTheSaveSucceeded() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" "), .character("q")], on: &state)
        #expect(press([.character("s")], on: &state) == [.save(state.workspace)])
        #expect(!state.shouldQuit)
        _ = state.update(.saved(state.workspace))
        #expect(state.shouldQuit)
    }

    @Test func aFailedSaveKeepsTheEditorOpenAndSaysWhy() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" "), .character("q"), .character("s")], on: &state)
        _ = state.update(.saveFailed("cannot save x.yml: could not write: denied"))
        #expect(!state.shouldQuit)
        #expect(state.notice?.role == .error)
        #expect(state.hasUnsavedChanges)
    }

    @Test func theEffectRunnerSavesAtomicallyAndKeepsTheFilesComments() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("backflow-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("backflow.yml").path
        try FileManager.default.copyItem(atPath: TUIFixture.workspacePath, toPath: path)
        var workspace = try WorkspaceLoader.load(path: path)
        workspace.mappings[0].enabled = false
        let runner = EffectRunner(
            session: WorkspaceSession(workspace: workspace, path: path, environment: [:]), mailbox: Mailbox(),
            environment: [:])
        let events = runner.perform(.save(workspace))
        guard case .saved = events.first else {
            Issue.record("expected a save, got \(events)")
            return
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# A small workspace for the TUI's screen tests"))
        #expect(try WorkspaceLoader.load(path: path).mappings[0].enabled == false)
    }

    @Test func theTabBarMarksAModifiedWorkspace() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" ")], on: &state)
        let grid = AppView.render(state, width: 100, height: 30)
        #expect(grid.text.components(separatedBy: "\n")[0].hasSuffix("[modified] workspace.yml"))
    }
}
